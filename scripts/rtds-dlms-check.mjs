#!/usr/bin/env node
// Checks the DLMS payload codec (protocol/gbcs/dlms) on every DLMS payload of the RTDS, before the
// envelope decoder exists: a minimal walk of the envelope (GBCS-FACTS §3-4: skip the DD header, the
// DF fields, the other-information, the content length) finds each payload; where §7 says DLMS
// (first byte D9, DA or 0F and not a DER message code) it runs decodeDlms, then encodeDlms, and
// checks the bytes come back. Not part of npm test: the RTDS is not part of the project.
//
// With --keys (the RTDS keystore), it also decrypts every protected-data block (§6.5: KDF type 04,
// IV = device system title ‖ 0, AAD = 31) with node:crypto, and checks that the plaintext is one
// Data value that round-trips through decodeDlmsData/encodeDlmsData.
//
//   npm run build && node scripts/rtds-dlms-check.mjs ../shared/reference/rtds-4.5.0 \
//     [--keys ../shared/reference/rtds-4.5.0-keystore]
//
// Exit 0 when every DLMS payload (and every protected block, given keys) decodes and round-trips.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const { decodeDlms, encodeDlms, decodeDlmsData, encodeDlmsData, findProtectedData } = await import(
  path.join(here, '..', 'dist', 'protocol', 'gbcs', 'dlms', 'index.js')
);

const args = process.argv.slice(2);
const keysAt = args.indexOf('--keys');
const keysDir = keysAt >= 0 ? args.splice(keysAt, 2)[1] : undefined;
const root = args[0];
if (!root || (keysAt >= 0 && !keysDir)) {
  console.error('usage: node scripts/rtds-dlms-check.mjs RTDS_DIR [--keys KEYSTORE_DIR]');
  process.exit(2);
}

// §10: message codes whose payload is DER, whatever its first byte.
const DER_CODES = new Set([
  0x0008, 0x000a, 0x000b, 0x000c, 0x000d, 0x000e, 0x000f, 0x0010, 0x0012, 0x0013, 0x007f, 0x008c, 0x00ab, 0x00af,
  0x00b2, 0x00ca, 0x00cb, 0x011b, 0x0124, 0x0125, 0x0126, 0x0128, 0x0129, 0x012b, 0x0100, 0x0101, 0x0102, 0x0103,
  0x0104, 0x0105, 0x0106, 0x0107, 0x0108, 0x0109,
]);

function length(b, at) {
  const first = b[at];
  if (first < 0x80) return [first, 1];
  if (first === 0x81) return [b[at + 1], 2];
  if (first === 0x82) return [(b[at + 1] << 8) | b[at + 2], 3];
  throw new Error(`length form ${first} at ${at}`);
}

/** The payload of one GBCS message and its offset, per GBCS-FACTS §3-4. */
function payloadOf(b) {
  let at = 0;
  if (b[0] === 0xdd) {
    at = 7; // DD, five empty octet strings, key-info absent
    at += length(b, at)[1] + 5; // ciphered length, then the security header 11 00000000
  }
  if (b[at] !== 0xdf) throw new Error(`no DF at ${at}`);
  const counter = b.subarray(at + 3, at + 11);
  const originator = b.subarray(at + 12, at + 20);
  const recipient = b.subarray(at + 21, at + 29);
  at += 2 + 9 + 9 + 9; // DF 09, CRA + counter, originator-ST, recipient-ST
  at += 1 + b[at]; // date-time: 00 or 0C + 12 bytes
  const [otherLength, otherSize] = length(b, at);
  at += otherSize;
  const messageCode = (b[at] << 8) | b[at + 1];
  const other = b.subarray(at, at + otherLength);
  at += otherLength;
  const [contentLength, contentSize] = length(b, at);
  at += contentSize;
  return {
    messageCode,
    offset: at,
    payload: b.subarray(at, at + contentLength),
    counter,
    originator,
    recipient,
    other,
  };
}

const hexOf = (bytes) => Buffer.from(bytes).toString('hex');

/**
 * The §6.5 payload key: ECDH(party KA private, device KA certificate), KDF type 04 with the
 * device as originator; the party is the supplementary remote party when other-info names one,
 * the counter the supplementary originator counter when other-info has one (N = 26).
 */
function payloadKey({ counter, originator, recipient, other }) {
  const party = other.length >= 10 ? other.subarray(2, 10) : recipient;
  const kdfCounter = other.length === 26 ? other.subarray(18, 26) : counter;
  const privateKey = crypto.createPrivateKey(fs.readFileSync(path.join(keysDir, `${hexOf(party)}-ka.key`)));
  const cert = new crypto.X509Certificate(fs.readFileSync(path.join(keysDir, `${hexOf(originator)}-ka.pem`)));
  const z = crypto.diffieHellman({ privateKey, publicKey: cert.publicKey });
  const otherInfo = Buffer.concat([
    Buffer.from('60857406080300', 'hex'),
    originator,
    Buffer.of(0x09, 0x04),
    kdfCounter,
    party,
  ]);
  const key = crypto
    .createHash('sha256')
    .update(Buffer.concat([Buffer.of(0, 0, 0, 1), z, otherInfo]))
    .digest();
  return key.subarray(0, 16);
}

function decrypt(key, originator, ciphertextAndTag) {
  const iv = Buffer.concat([originator, Buffer.alloc(4)]);
  const decipher = crypto.createDecipheriv('aes-128-gcm', key, iv, { authTagLength: 12 });
  decipher.setAAD(Buffer.of(0x31));
  decipher.setAuthTag(ciphertextAndTag.subarray(ciphertextAndTag.length - 12));
  return Buffer.concat([decipher.update(ciphertextAndTag.subarray(0, ciphertextAndTag.length - 12)), decipher.final()]);
}

const protectedCounts = { blocks: 0, roundTripped: 0 };
const perTag = new Map();
const failures = [];
let total = 0;
for (const dir of fs.readdirSync(root).sort()) {
  const folder = path.join(root, dir);
  if (!fs.statSync(folder).isDirectory()) continue;
  for (const name of fs.readdirSync(folder).sort()) {
    if (!name.toUpperCase().endsWith('.HEX')) continue;
    const bytes = Buffer.from(fs.readFileSync(path.join(folder, name), 'utf8').replace(/\s+/g, ''), 'hex');
    const message = payloadOf(bytes);
    const { messageCode, offset, payload } = message;
    const tag = payload[0];
    if (DER_CODES.has(messageCode) || ![0xd9, 0xda, 0x0f].includes(tag)) continue;
    total++;
    const key = tag.toString(16).toUpperCase().padStart(2, '0');
    const counts = perTag.get(key) ?? { decoded: 0, roundTripped: 0, total: 0 };
    counts.total++;
    perTag.set(key, counts);
    try {
      const apdu = decodeDlms(payload, offset);
      counts.decoded++;
      const again = encodeDlms(apdu);
      if (Buffer.compare(Buffer.from(again), payload) === 0) counts.roundTripped++;
      else failures.push(`${dir}/${name}: re-encodes differently`);
      if (keysDir)
        for (const block of findProtectedData(apdu)) {
          protectedCounts.blocks++;
          const plaintext = decrypt(payloadKey(message), message.originator, block.ciphertextAndTag);
          const value = decodeDlmsData(plaintext, 0, 'plaintext');
          if (Buffer.compare(Buffer.from(encodeDlmsData(value)), plaintext) === 0) protectedCounts.roundTripped++;
          else failures.push(`${dir}/${name}: plaintext re-encodes differently`);
        }
    } catch (err) {
      failures.push(`${dir}/${name}: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
    }
  }
}

console.log('tag  payloads  decoded  round-tripped');
for (const [tag, c] of [...perTag].sort())
  console.log(`${tag}   ${c.total}`.padEnd(14) + `${c.decoded}`.padEnd(9) + c.roundTripped);
const ok = [...perTag.values()].reduce((sum, c) => sum + c.roundTripped, 0);
console.log(`${ok} of ${total} DLMS payloads decode and round-trip`);
if (keysDir)
  console.log(
    `${protectedCounts.roundTripped} of ${protectedCounts.blocks} protected blocks decrypt, decode and round-trip`,
  );
for (const f of failures.slice(0, 40)) console.log(`FAIL ${f}`);
process.exit(failures.length === 0 ? 0 : 1);
