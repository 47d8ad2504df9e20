#!/usr/bin/env node
// Checks the GBZ/ZCL codec (protocol/gbcs/zcl) and the DER codec (protocol/gbcs/asn1) on every
// such payload of the RTDS. A minimal walk of the envelope (GBCS-FACTS §3-4) finds each payload;
// the §7 dispatch picks the codec: a DER message code (§10) → decodeDer; else first bytes 01 09 →
// decodeGbz (given the CRA flag and the message code). Each payload is decoded, re-encoded and
// compared byte for byte. Not part of npm test: the RTDS is not part of the project.
//
// With --keys (the RTDS keystore), every encrypted GBZ component is also decrypted (§6.5: KDF type
// 04, IV = device system title ‖ 0, AAD = 31) with node:crypto, and its plaintext must decode with
// decodeZclPayload and re-encode to the same bytes.
//
//   npm run build && node scripts/rtds-zcl-der-check.mjs ../shared/reference/rtds-4.5.0 \
//     [--keys ../shared/reference/rtds-4.5.0-keystore] [--verbose]
//
// Exit 0 when every payload (and every encrypted component, given keys) decodes and round-trips.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, '..', 'dist', 'protocol', 'gbcs');
const { decodeGbz, encodeGbz, decodeZclPayload, encodeZclPayload } = await import(path.join(dist, 'zcl', 'index.js'));
const { decodeDer, encodeDer, derUseCaseView } = await import(path.join(dist, 'asn1', 'index.js'));

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
if (verbose) args.splice(args.indexOf('--verbose'), 1);
const keysAt = args.indexOf('--keys');
const keysDir = keysAt >= 0 ? args.splice(keysAt, 2)[1] : undefined;
const root = args[0];
if (!root || (keysAt >= 0 && !keysDir)) {
  console.error('usage: node scripts/rtds-zcl-der-check.mjs RTDS_DIR [--keys KEYSTORE_DIR] [--verbose]');
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

/** The payload of one GBCS message, its offset and what the KDF needs, per GBCS-FACTS §3-4. */
function payloadOf(b) {
  let at = 0;
  if (b[0] === 0xdd) at = 7 + length(b, 7)[1] + 5; // DD, 5 empty fields, no key-info, length, 11 00000000
  if (b[at] !== 0xdf) throw new Error(`no DF at ${at}`);
  const cra = b[at + 2];
  const counter = b.subarray(at + 3, at + 11);
  const originator = b.subarray(at + 12, at + 20);
  const recipient = b.subarray(at + 21, at + 29);
  at += 29;
  at += 1 + b[at]; // date-time: 00 or 0C + 12 bytes
  const [otherLength, otherSize] = length(b, at);
  at += otherSize;
  const messageCode = (b[at] << 8) | b[at + 1];
  const other = b.subarray(at, at + otherLength);
  at += otherLength;
  const [contentLength, contentSize] = length(b, at);
  at += contentSize;
  return {
    cra,
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

/** §6.5 payload key: ECDH(party KA private, device KA cert), KDF type 04, device as originator. */
function payloadKey({ counter, originator, recipient, other }) {
  const party = other.length >= 10 ? other.subarray(2, 10) : recipient;
  const kdfCounter = other.length === 26 ? other.subarray(18, 26) : counter;
  const privateKey = crypto.createPrivateKey(fs.readFileSync(path.join(keysDir, `${hexOf(party)}-ka.key`)));
  const cert = new crypto.X509Certificate(fs.readFileSync(path.join(keysDir, `${hexOf(originator)}-ka.pem`)));
  const z = crypto.diffieHellman({ privateKey, publicKey: cert.publicKey });
  const info = Buffer.concat([Buffer.from('60857406080300', 'hex'), originator, Buffer.of(9, 4), kdfCounter, party]);
  return crypto
    .createHash('sha256')
    .update(Buffer.concat([Buffer.of(0, 0, 0, 1), z, info]))
    .digest()
    .subarray(0, 16);
}

function decrypt(key, originator, ciphered) {
  const body = ciphered.subarray(5); // 31 ‖ 4-byte invocation counter
  const decipher = crypto.createDecipheriv('aes-128-gcm', key, Buffer.concat([originator, Buffer.alloc(4)]), {
    authTagLength: 12,
  });
  decipher.setAAD(Buffer.of(0x31));
  decipher.setAuthTag(body.subarray(body.length - 12));
  return Buffer.concat([decipher.update(body.subarray(0, body.length - 12)), decipher.final()]);
}

function componentsOf(gbz) {
  if (gbz.form === 'frame') return gbz.components;
  return gbz.body.kind === 'component' ? [gbz.body.component] : [];
}

const counts = { gbz: { total: 0, decoded: 0, roundTripped: 0 }, der: { total: 0, decoded: 0, roundTripped: 0 } };
const encrypted = { total: 0, roundTripped: 0, typed: 0 };
const kinds = new Map();
const failures = [];
for (const dir of fs.readdirSync(root).sort()) {
  const folder = path.join(root, dir);
  if (!fs.statSync(folder).isDirectory()) continue;
  for (const name of fs.readdirSync(folder).sort()) {
    if (!name.toUpperCase().endsWith('.HEX')) continue;
    const bytes = Buffer.from(fs.readFileSync(path.join(folder, name), 'utf8').replace(/\s+/g, ''), 'hex');
    const message = payloadOf(bytes);
    const { cra, messageCode, offset, payload } = message;
    const format = DER_CODES.has(messageCode) ? 'der' : payload[0] === 1 && payload[1] === 9 ? 'gbz' : undefined;
    if (!format) continue;
    const c = counts[format];
    c.total++;
    try {
      const value = format === 'der' ? decodeDer(payload, offset) : decodeGbz(payload, offset, { cra, messageCode });
      c.decoded++;
      const again = format === 'der' ? encodeDer(value) : encodeGbz(value);
      if (Buffer.compare(Buffer.from(again), payload) === 0) c.roundTripped++;
      else failures.push(`${dir}/${name}: re-encodes differently`);
      if (format === 'der') {
        const view = derUseCaseView(messageCode, cra, value.root);
        for (const k of [`der shape ${value.shape.kind}`, ...(view ? [`der view ${view.kind}`] : [])])
          kinds.set(k, (kinds.get(k) ?? 0) + 1);
      }
      if (format === 'gbz') {
        const plain = componentsOf(value);
        for (const comp of plain) {
          const k = `gbz ${comp.payload.kind}${comp.payload.kind === 'raw' ? ` ${comp.clusterId.toString(16)}/${comp.header.commandId}` : ''}`;
          kinds.set(k, (kinds.get(k) ?? 0) + 1);
        }
        if (value.form === 'alert')
          kinds.set(`gbz alert ${value.body.kind}`, (kinds.get(`gbz alert ${value.body.kind}`) ?? 0) + 1);
        if (keysDir)
          for (const comp of plain.filter((x) => x.encrypted)) {
            encrypted.total++;
            const text = decrypt(payloadKey(message), message.originator, comp.payload.ciphered);
            const zcl = decodeZclPayload(text, comp.clusterId, comp.header, 0);
            if (zcl.kind !== 'raw') encrypted.typed++;
            if (verbose)
              console.log(
                name,
                JSON.stringify(zcl, (_k, v) =>
                  typeof v === 'bigint' ? String(v) : v instanceof Uint8Array ? hexOf(v) : v,
                ),
              );
            if (Buffer.compare(Buffer.from(encodeZclPayload(comp.clusterId, comp.header, zcl)), text) === 0)
              encrypted.roundTripped++;
            else failures.push(`${dir}/${name}: plaintext re-encodes differently`);
          }
      }
    } catch (err) {
      failures.push(`${dir}/${name}: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
    }
  }
}

for (const [format, c] of Object.entries(counts))
  console.log(`${format.toUpperCase()}: ${c.decoded} of ${c.total} decode, ${c.roundTripped} round-trip byte for byte`);
if (keysDir)
  console.log(
    `encrypted GBZ components: ${encrypted.roundTripped} of ${encrypted.total} decrypt, decode (${encrypted.typed} typed) and round-trip`,
  );
for (const [k, n] of [...kinds].sort()) console.log(`  ${k}: ${n}`);
for (const f of failures.slice(0, 60)) console.log(`FAIL ${f}`);
process.exit(failures.length === 0 ? 0 : 1);
