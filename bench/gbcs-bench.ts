import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deriveMessageKey, gbcsIv } from '../protocol/crypto/gbcs-kdf.js';
import { nodeCrypto } from '../protocol/crypto/node-provider.js';
import { decodeGbcsWithLayout } from '../protocol/gbcs/envelope/index.js';
import { checkProtection, sealGbcs } from '../protocol/gbcs/protection/index.js';
import { CachingPairSecrets, checkMac, sealWithMac } from '../protocol/gbcs/wire/index.js';
import { loadKeystoreDir } from '../world/gbcs-keystore-files.js';
import { measureRate, printRows, type BenchRow } from './measure.js';

/** RTDS 4.1.1_ECS17b/ECS17b_4.1.1_SINGLE_SUCCESS_RESPONSE_GBCS.HEX (public DCC test data, GBCS-FACTS §11). */
const ECS17B_RESPONSE = Buffer.from(
  'DD00000000000081AE1100000000DF090200000000000003E80800DB1234567890A00890B3D51F300100000C07DF0101FF000000008000FF' +
    '0200276EDA200003E80000010202010102021602020509090400000000000003E8090800DB1234567890A0090890B3D51F30010000' +
    '09000202160202020901020900092B3100000000E3035372DDD0648ADEDB866DFF001F09450DEBD034C36C6101DC1D3CB50D35311B34' +
    '4436F88301030000486AF3DF46ACBC45A5217E08',
  'hex',
);

/** RTDS 2.5_ECS09/ECS09_2.5_SUCCESS_RESPONSE_GBCS.HEX: a response signed by the ESME (GBCS-FACTS §6.4). */
const ECS09_RESPONSE = Buffer.from(
  'DF090200000000000003E80800DB1234567890A00890B3D51F30010000000200200CDA200003E800000100010300' +
    '40811876337CEFD22994808A9A0669D81C1869A7DC3346960AD41CAF1E98A89C679D29DFAF3FBC8DD06816FC212BA993554312F6DD76D3EF2FCE355ED3CBD25A74',
  'hex',
);

export interface BaselineRates {
  /** CBOR frame strict decode and encode per second, from cborBench in the same run. */
  readonly cborDecode: number;
  readonly cborEncode: number;
}

/**
 * GBCS per second for the ECS17b response: decode + MAC check, and encode + MAC, each beside the
 * CBOR frame codec and beside the raw cryptography the MAC costs (ECDH, KDF and one GCM); and a
 * signed response's decode + signature check beside a raw ECDSA verify. All measured in this run. The keys are the test PKI's (supplier KA private key, ESME KA certificate).
 */
export function gbcsBench(seconds: number, baseline: BaselineRates): BenchRow[] {
  const keys = loadKeystoreDir(join(fileURLToPath(new URL('../../reference/test-pki', import.meta.url))));
  const decoded = decodeGbcsWithLayout(ECS17B_RESPONSE);
  const header = decoded.message.signing.header;
  const report = checkProtection(nodeCrypto, keys, ECS17B_RESPONSE, decoded);
  if (report.mac.status !== 'valid') throw new Error(`bench vector MAC is ${report.mac.status}`);

  const supplier = keys.privateKey(header.recipient, 'ka')!;
  const esme = keys.publicKey(header.originator, 'ka')!;
  const kdf = { originator: header.originator, recipient: header.recipient, counter: header.counter };
  const aad = new Uint8Array(6 + 157);
  const rawMac = () => {
    const key = deriveMessageKey(nodeCrypto, supplier, esme, { ...kdf, messageType: 'response' });
    nodeCrypto.gcmEncrypt(key, gbcsIv(header.originator), new Uint8Array(0), aad);
  };
  const raw = measureRate(rawMac, seconds).perSecond;
  const decodeOnly = measureRate(() => decodeGbcsWithLayout(ECS17B_RESPONSE), seconds).perSecond;
  const decodeVerify = measureRate(() => {
    const d = decodeGbcsWithLayout(ECS17B_RESPONSE);
    checkProtection(nodeCrypto, keys, ECS17B_RESPONSE, d);
  }, seconds).perSecond;
  const signing = decoded.message.signing;
  const encodeMac = measureRate(() => sealGbcs(nodeCrypto, keys, signing), seconds).perSecond;
  // The wire (protocol/gbcs/wire) caches the ECDH secret per party pair (issue 13 §5): a message
  // then costs the KDF's SHA-256 and one GCM.
  const secrets = new CachingPairSecrets(nodeCrypto, keys);
  const acb = header.recipient; // unused for a response's pair (recipient ↔ device)
  const wireSeal = measureRate(() => sealWithMac(nodeCrypto, secrets, signing, acb), seconds).perSecond;
  const wireCheck = measureRate(() => {
    const d = decodeGbcsWithLayout(ECS17B_RESPONSE);
    checkMac(nodeCrypto, secrets, ECS17B_RESPONSE, d, acb);
  }, seconds).perSecond;
  const size = `${ECS17B_RESPONSE.length} B`;
  const signed = decodeGbcsWithLayout(ECS09_RESPONSE);
  if (checkProtection(nodeCrypto, keys, ECS09_RESPONSE, signed).signature.status !== 'valid')
    throw new Error('bench vector signature does not verify');
  const signedVerify = measureRate(() => {
    const d = decodeGbcsWithLayout(ECS09_RESPONSE);
    checkProtection(nodeCrypto, keys, ECS09_RESPONSE, d);
  }, seconds).perSecond;
  const esmeDs = keys.publicKey(header.originator, 'ds')!;
  const signedPart = ECS09_RESPONSE.subarray(1, signed.layout.contentEnd);
  const signature = ECS09_RESPONSE.subarray(ECS09_RESPONSE.length - 64);
  const rawVerify = measureRate(() => nodeCrypto.verify(esmeDs, signedPart, signature), seconds).perSecond;
  const rows: BenchRow[] = [
    {
      name: `GBCS decode ECS17b response (${size})`,
      value: decodeOnly,
      unit: 'op/s',
      baselineName: 'CBOR strict decode frame',
      baseline: baseline.cborDecode,
    },
    {
      name: 'GBCS decode+verify (MAC)',
      value: decodeVerify,
      unit: 'op/s',
      baselineName: 'CBOR strict decode frame',
      baseline: baseline.cborDecode,
    },
    {
      name: 'GBCS decode+verify (MAC) vs raw',
      value: decodeVerify,
      unit: 'op/s',
      baselineName: 'raw ECDH+KDF+GCM',
      baseline: raw,
    },
    {
      name: 'GBCS encode+MAC',
      value: encodeMac,
      unit: 'op/s',
      baselineName: 'CBOR encode frame',
      baseline: baseline.cborEncode,
    },
    {
      name: 'GBCS encode+MAC vs raw',
      value: encodeMac,
      unit: 'op/s',
      baselineName: 'raw ECDH+KDF+GCM',
      baseline: raw,
    },
    {
      name: 'GBCS wire seal (ECDH secret cached)',
      value: wireSeal,
      unit: 'op/s',
      baselineName: 'raw ECDH+KDF+GCM',
      baseline: raw,
    },
    {
      name: 'GBCS wire decode+MAC check (cached)',
      value: wireCheck,
      unit: 'op/s',
      baselineName: 'raw ECDH+KDF+GCM',
      baseline: raw,
    },
    {
      name: `GBCS decode+verify (signature) ECS09 response (${ECS09_RESPONSE.length} B)`,
      value: signedVerify,
      unit: 'op/s',
      baselineName: 'raw ECDSA verify',
      baseline: rawVerify,
    },
  ];
  printRows('GBCS: the ECS17b response per second (ratio = GBCS / the same-run baseline)', rows);
  return rows;
}
