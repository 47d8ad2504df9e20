import { ByteReader } from '../byte-reader.js';
import { GbcsError } from '../errors.js';
import { GENERAL_CIPHERING_TAG, readGeneralCiphering } from '../envelope/general-ciphering.js';
import { GENERAL_SIGNING_TAG, readGroupingHeader } from '../envelope/general-signing.js';
import type { GroupingHeader } from '../envelope/types.js';
import { MAX_GBCS_MESSAGE } from '../envelope/index.js';

/**
 * The grouping header of a GBCS message without its content (GBCS-FACTS §3, §4): what the hub
 * needs to route (the recipient system title, the CRA flag, the message code), read without
 * decoding the payload. Throws only GbcsError. The full decode (decodeGbcsWithLayout) is the
 * device's and the head-end's.
 */
export function peekGroupingHeader(bytes: Uint8Array): GroupingHeader {
  if (bytes.length > MAX_GBCS_MESSAGE)
    throw new GbcsError('OVERSIZE', `${bytes.length} bytes is more than ${MAX_GBCS_MESSAGE}`, 0, 'message');
  let reader = new ByteReader(bytes);
  const tag = reader.peek('message.tag');
  if (tag === GENERAL_CIPHERING_TAG) reader = readGeneralCiphering(reader).inner;
  else if (tag !== GENERAL_SIGNING_TAG)
    throw new GbcsError('BAD_TAG', 'a GBCS message starts with DD or DF', 0, 'message.tag');
  reader.expect(GENERAL_SIGNING_TAG, 'general-signing.tag');
  return readGroupingHeader(reader);
}
