import { formatEuiBytes, euiToBytes } from '../../eui.js';
import type { ByteReader } from '../byte-reader.js';
import { ByteWriter } from '../byte-reader.js';
import { GbcsError } from '../errors.js';
import type { OtherInformation } from './types.js';

/**
 * Other-information (GBCS-FACTS §4): message code (2), then by length: 10 adds the supplementary
 * remote party (8), 18 its counter (8), 26 the supplementary originator counter (8), and more than
 * 26 the 18-byte form followed by the remote party's certificate (URP commands). No other length
 * occurs in RTDS, and the facts give no meaning to one, so they are refused.
 */
export function readOtherInformation(reader: ByteReader, field: string): OtherInformation {
  const lengthOffset = reader.offset;
  const n = reader.minimalLength(`${field}.length`);
  const body = reader.sub(n, field);
  if (n !== 2 && n !== 10 && n !== 18 && n < 26)
    throw new GbcsError('BAD_LENGTH', `${field} length ${n} is not 2, 10, 18 or 26+`, lengthOffset, `${field}.length`);
  const messageCode = body.u16(`${field}.message-code`);
  if (n === 2) {
    return { form: 'plain', messageCode };
  }
  const remoteParty = formatEuiBytes(body.take(8, `${field}.remote-party`));
  if (n === 10) return { form: 'remote-party', messageCode, remoteParty };
  const remotePartyCounter = body.u64(`${field}.remote-party-counter`);
  if (n === 18) return { form: 'remote-party-counter', messageCode, remoteParty, remotePartyCounter };
  if (n === 26) {
    const originatorCounter = body.u64(`${field}.originator-counter`);
    return { form: 'urp-response', messageCode, remoteParty, remotePartyCounter, originatorCounter };
  }
  // The certificate is kept as its bytes: its content is the business of X.509, not of the envelope.
  const certificate = body.take(body.remaining, `${field}.certificate`);
  return { form: 'urp-command', messageCode, remoteParty, remotePartyCounter, certificate };
}

export function writeOtherInformation(writer: ByteWriter, info: OtherInformation): void {
  const body = new ByteWriter().u16(info.messageCode);
  if (info.form !== 'plain') body.bytes(euiToBytes(info.remoteParty));
  if (info.form === 'remote-party-counter' || info.form === 'urp-response' || info.form === 'urp-command')
    body.u64(info.remotePartyCounter);
  if (info.form === 'urp-response') body.u64(info.originatorCounter);
  if (info.form === 'urp-command') {
    // Shorter than 9 bytes it would read back as another form: the encoder refuses what cannot round-trip.
    if (info.certificate.length < 9) throw new RangeError('a URP certificate must be at least 9 bytes');
    body.bytes(info.certificate);
  }
  writer.lengthPrefixed(body.finish());
}
