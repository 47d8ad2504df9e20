import { describe, expect, it } from 'vitest';
import { generatedKeyStore } from '../../device-core/device-key-store.js';
import { TEST_PKI_MODE, TestPkiKeyError, testPkiKeyStore } from '../../device-core/test-pki-key-store.js';
import { privateKeyFromScalar, publicKeyFromPoint } from '../../protocol/crypto/ec-keys.js';
import { gbcsKdf, kdfOtherInfo } from '../../protocol/crypto/gbcs-kdf.js';
import { nobleCrypto } from '../../protocol/crypto/noble-provider.js';
import { nodeCrypto } from '../../protocol/crypto/node-provider.js';
import { parseEui } from '../../protocol/eui.js';
import { decodeGbcsWithLayout } from '../../protocol/gbcs/envelope/index.js';
import { computeMac } from '../../protocol/gbcs/protection/mac.js';
import { ECS17B_COMMAND, ECS17B_RESPONSE } from '../protocol/gbcs/envelope/rtds-vectors.js';

const bytes = (hex: string) => Uint8Array.from(Buffer.from(hex.replace(/\s+/g, ''), 'hex'));
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

// The DCC's public test PKI (RTDS 4.5.0 keystore, GBCS-FACTS §6.6), copied as hex.
// 90b3d51f30010000-ka.key: the test supplier's KA private key (scalar).
const SUPPLIER_KA = privateKeyFromScalar(bytes('40883990da5b372dc4ec96c76b576bf5d4206e3bfd34cbf60b62448f1f9ba544'));
// 90b3d51f30000002-ka.key: the DCC Access Control Broker's KA private key.
const ACB_KA = privateKeyFromScalar(bytes('ad35c8e1df832839b6937908e0c8229ff97eb5349da007b51a1079f56fc1df68'));
// 00db1234567890a0-ka.pem / -ds.pem: the test ESME's certificates (uncompressed points); no private keys exist.
const ESME_KA_CERT = publicKeyFromPoint(
  bytes(`04 8f2052985d2db939a9371c8fef58acb6814b35d5bf2aa25f97f8d198b26dfe60
            1add893fc4a1d98291f68e8429b715852367dc0f2c4902e6ff8a736ddc29c134`),
);
const ESME_DS_CERT = publicKeyFromPoint(
  bytes(`04 f41284362a5a81eeff848ae2db4c6d0df336f06128eb32121596faef86db383d
            93c3952e73476036406d91009f6133244102a9f88a3682f16f92ccbf7cc959fa`),
);
const ESME = parseEui('00DB1234567890A0');
const SUPPLIER = parseEui('90B3D51F30010000');
const ACB = parseEui('90B3D51F30000002');

const esmeDevice = { eui: ESME, dsCertificate: ESME_DS_CERT, kaCertificate: ESME_KA_CERT };

describe('issue 13 §2: the test-PKI mode of the device key store', () => {
  for (const crypto of [nodeCrypto, nobleCrypto]) {
    describe(crypto.name, () => {
      it('is a named mode whose public keys are the certificates', () => {
        const store = testPkiKeyStore(crypto, esmeDevice, [SUPPLIER_KA, ACB_KA]);
        expect(store.mode).toBe(TEST_PKI_MODE);
        expect(store.mode).not.toBe(generatedKeyStore(crypto, { ds: SUPPLIER_KA, ka: ACB_KA }).mode);
        expect(hex(store.kaPublic.point)).toBe(hex(ESME_KA_CERT.point));
        expect(hex(store.dsPublic.point)).toBe(hex(ESME_DS_CERT.point));
        expect(store.signaturesVerify).toBe(false);
      });

      it('GBCS-FACTS §11: the RTDS ECS17b response MAC comes out of the supplier secret (key d288…3058, MAC 486a…7e08)', () => {
        const store = testPkiKeyStore(crypto, esmeDevice, [SUPPLIER_KA, ACB_KA]);
        const { message, layout } = decodeGbcsWithLayout(ECS17B_RESPONSE);
        const h = message.signing.header;
        const z = store.sharedSecret(SUPPLIER, SUPPLIER_KA.publicKey);
        const key = gbcsKdf(
          crypto,
          z,
          kdfOtherInfo({
            originator: h.originator,
            recipient: h.recipient,
            counter: h.counter,
            messageType: 'response',
          }),
        );
        expect(hex(key)).toBe('d288091f13f120da8d2649c3aa543058');
        const df = ECS17B_RESPONSE.subarray(layout.signingStart, layout.signingEnd);
        expect(hex(computeMac(crypto, key, h.originator, df))).toBe('486af3df46acbc45a5217e08');
        expect(message.kind === 'ciphering' && hex(message.mac)).toBe('486af3df46acbc45a5217e08');
      });

      it('GBCS-FACTS §12: the device checks a command MAC with the ACB secret (key ec1d…12c0)', () => {
        const store = testPkiKeyStore(crypto, esmeDevice, [SUPPLIER_KA, ACB_KA]);
        const { message, layout } = decodeGbcsWithLayout(ECS17B_COMMAND);
        const h = message.signing.header;
        const z = store.sharedSecret(ACB, ACB_KA.publicKey);
        const key = gbcsKdf(
          crypto,
          z,
          kdfOtherInfo({
            originator: h.originator,
            recipient: h.recipient,
            counter: h.counter,
            messageType: 'command',
          }),
        );
        expect(hex(key)).toBe('ec1d51bd8f8bf0cdd2314cf396cc12c0');
        const df = ECS17B_COMMAND.subarray(layout.signingStart, layout.signingEnd);
        expect(message.kind === 'ciphering' && hex(message.mac)).toBe(hex(computeMac(crypto, key, h.originator, df)));
      });

      it('gives the party side’s Z, cached per counterpart and recomputed when its key changes', () => {
        const store = testPkiKeyStore(crypto, esmeDevice, [SUPPLIER_KA, ACB_KA]);
        const first = store.sharedSecret(SUPPLIER, SUPPLIER_KA.publicKey);
        expect(hex(first)).toBe(hex(crypto.ecdh(SUPPLIER_KA, ESME_KA_CERT)));
        expect(store.sharedSecret(SUPPLIER, SUPPLIER_KA.publicKey)).toBe(first);
        // The supplier's KA key replaced (SR 6.15) by another published one: a new secret.
        const replaced = store.sharedSecret(SUPPLIER, ACB_KA.publicKey);
        expect(hex(replaced)).toBe(hex(crypto.ecdh(ACB_KA, ESME_KA_CERT)));
        expect(hex(replaced)).not.toBe(hex(first));
      });

      it('refuses, typed, a counterpart whose private key the test PKI does not publish', () => {
        const store = testPkiKeyStore(crypto, esmeDevice, [ACB_KA]);
        expect(() => store.sharedSecret(SUPPLIER, SUPPLIER_KA.publicKey)).toThrow(TestPkiKeyError);
        try {
          store.sharedSecret(SUPPLIER, SUPPLIER_KA.publicKey);
        } catch (error) {
          expect((error as TestPkiKeyError).code).toBe('NO_PUBLISHED_KEY');
        }
      });

      it('signs with a throwaway key: it verifies with that key, never with the certificate, and repeats per EUI', () => {
        const store = testPkiKeyStore(crypto, esmeDevice, []);
        const content = bytes('09 02 00000000000003E8');
        const signature = store.sign(content);
        expect(signature).toHaveLength(64);
        expect(crypto.verify(store.throwawayDsPublic, content, signature)).toBe(true);
        expect(crypto.verify(store.dsPublic, content, signature)).toBe(false);
        const again = testPkiKeyStore(crypto, esmeDevice, []);
        expect(hex(again.throwawayDsPublic.point)).toBe(hex(store.throwawayDsPublic.point));
        const other = testPkiKeyStore(crypto, { ...esmeDevice, eui: parseEui('00DB1234567890A1') }, []);
        expect(hex(other.throwawayDsPublic.point)).not.toBe(hex(store.throwawayDsPublic.point));
      });
    });
  }
});
