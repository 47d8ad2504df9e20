import { euiToBytes, type Eui64 } from '../../protocol/eui.js';
import { DEVICE_ALERTS, isDeviceAlertCode } from '../../protocol/alert-codes.js';
import { encodeCosemDateTime, readGbcsAlert } from '../../protocol/gbcs/dlms/index.js';
import type { GbcsMessage, GroupingHeader, OtherInformation } from '../../protocol/gbcs/envelope/index.js';
import { GbcsError } from '../../protocol/gbcs/errors.js';
import { messageCodeEntry } from '../../protocol/gbcs/message-codes.js';
import { encodePayload } from '../../protocol/gbcs/payload.js';
import {
  describeOutcome,
  readPlaintext,
  type DecryptedPart,
  type ProtectionReport,
} from '../../protocol/gbcs/protection/index.js';
import { describeDateTime, hex, hexNumber, renderValue } from './values.js';

const CRA_BYTE = { command: '01', response: '02', alert: '03' } as const;

function eui(e: Eui64): string {
  return `${hex(euiToBytes(e))} (${e})`;
}

function messageCode(code: number): string {
  const entry = messageCodeEntry(code);
  return entry
    ? `${hexNumber(code, 2)} (${entry.useCase}; payload ${entry.format}; device ${entry.device})`
    : `${hexNumber(code, 2)} (not in the use-case table)`;
}

function otherInformation(info: OtherInformation, indent: string, out: string[]): void {
  out.push(`${indent}other information: ${info.form}`);
  const i = `${indent}  `;
  out.push(`${i}message code: ${messageCode(info.messageCode)}`);
  if (info.form === 'plain') return;
  out.push(`${i}supplementary remote party: ${eui(info.remoteParty)}`);
  if (info.form === 'remote-party') return;
  out.push(
    `${i}supplementary remote party counter: ${hexNumber(info.remotePartyCounter, 8)} (${info.remotePartyCounter})`,
  );
  if (info.form === 'urp-response')
    out.push(
      `${i}supplementary originator counter: ${hexNumber(info.originatorCounter, 8)} (${info.originatorCounter})`,
    );
  if (info.form === 'urp-command')
    out.push(`${i}remote party KA certificate: ${hex(info.certificate)} (${info.certificate.length} bytes)`);
}

function header(h: GroupingHeader, indent: string, out: string[]): void {
  out.push(`${indent}CRA flag: ${CRA_BYTE[h.cra]} (${h.cra})`);
  out.push(`${indent}originator counter: ${hexNumber(h.counter, 8)} (${h.counter})`);
  out.push(`${indent}originator system title: ${eui(h.originator)}`);
  out.push(`${indent}recipient system title: ${eui(h.recipient)}`);
  out.push(
    `${indent}date-time: ${h.dateTime ? `${hex(encodeCosemDateTime(h.dateTime))} (${describeDateTime(h.dateTime)})` : '00 (none)'}`,
  );
  otherInformation(h.otherInformation, indent, out);
}

/** The indented tree `smetsim gbcs decode` prints by default. */
export function renderMessage(
  message: GbcsMessage,
  size: number,
  report: ProtectionReport,
  parts: readonly DecryptedPart[],
): string {
  const out: string[] = [];
  let indent = '';
  if (message.kind === 'ciphering') {
    out.push(`General-Ciphering (DD), ${size} bytes`);
    out.push('  security header: 1100000000 (suite 1, authenticated, not encrypted; invocation counter 0)');
    indent = '  ';
  }
  const s = message.signing;
  out.push(`${indent}General-Signing (DF)${message.kind === 'signing' ? `, ${size} bytes` : ''}`);
  const i = `${indent}  `;
  out.push(`${i}grouping header`);
  header(s.header, `${i}  `, out);
  const content = encodePayload(s.payload);
  if (s.payload.kind === 'raw')
    out.push(
      `${i}content: ${s.payload.format}, not decoded by this version (${content.length} bytes)`,
      `${i}  ${hex(content)}`,
    );
  else {
    out.push(`${i}content: ${s.payload.kind} (${content.length} bytes)`);
    const p = s.payload;
    const value = p.kind === 'dlms' ? p.apdu : p.kind === 'gbz' ? p.gbz : p.der;
    renderValue(p.kind === 'dlms' ? 'apdu' : p.kind, value, `${i}  `, out);
  }
  const alert = alertSummary(s.payload);
  if (alert) out.push(`${i}alert: ${alert}`);
  const sig = s.signature;
  out.push(
    `${i}signature: ${sig.kind === 'absent' ? '(absent: a pre-command)' : sig.kind === 'unsigned' ? '00 (unsigned)' : `40 ${hex(sig.signature)}`}`,
  );
  if (message.kind === 'ciphering') out.push(`  MAC: ${hex(message.mac)}`);
  for (const part of parts) {
    out.push(`Decrypted ${part.path}: ${describeOutcome(part.outcome)}`);
    if (part.plaintext) renderPlaintext(part, part.plaintext, out);
  }
  out.push(`MAC: ${message.kind === 'ciphering' ? describeOutcome(report.mac) : 'none (not General-Ciphering)'}`);
  out.push(`Signature: ${describeSignature(message, report)}`);
  return `${out.join('\n')}\n`;
}

/** The alert code, its name where the project's table has one (protocol/alert-codes.ts), and when. */
function alertSummary(payload: GbcsMessage['signing']['payload']): string | undefined {
  let code: number;
  let when: string;
  if (payload.kind === 'dlms' && payload.apdu.type === 'data-notification') {
    const alert = readGbcsAlert(payload.apdu);
    if (!alert) return undefined;
    code = alert.alertCode;
    when = describeDateTime(alert.timestamp);
  } else if (payload.kind === 'gbz' && payload.gbz.form === 'alert') {
    code = payload.gbz.alertCode;
    // GBZ alert timestamps are seconds since 2000-01-01 00:00Z, big-endian (GBCS-FACTS §9.3).
    when = new Date(Date.UTC(2000, 0, 1) + payload.gbz.timestamp * 1000).toISOString();
  } else return undefined;
  const name = isDeviceAlertCode(code) ? ` ${DEVICE_ALERTS[code].name}` : '';
  return `${hexNumber(code, 2)}${name}, at ${when}`;
}

function describeSignature(message: GbcsMessage, report: ProtectionReport): string {
  const kind = message.signing.signature.kind;
  if (kind === 'absent') return 'none (pre-command: signature field absent)';
  if (kind === 'unsigned') return 'none (unsigned)';
  return describeOutcome(report.signature);
}

function renderPlaintext(part: DecryptedPart, plaintext: Uint8Array, out: string[]): void {
  out.push(`  plaintext: ${hex(plaintext)} (${plaintext.length} bytes)`);
  try {
    renderValue(
      part.plaintextFormat.format === 'dlms' ? 'data' : 'zcl payload',
      readPlaintext(part, plaintext),
      '  ',
      out,
    );
  } catch (error) {
    if (!(error instanceof GbcsError)) throw error;
    out.push(`  (the plaintext does not decode: ${error.message})`);
  }
}
