import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  deriveMessageKey,
  gbcsKdf,
  kdfOtherInfo,
  nobleCrypto,
  nodeCrypto,
  parseEui,
  type CryptoProvider,
} from '../../protocol/index.js';
import { privateKeyFromPem, privateKeyToPem, publicKeyFromPem, publicKeyToPem } from '../../protocol/crypto/pem.js';
import { TEST_PKI } from '../support/test-pki.js';

const providers: [CryptoProvider, CryptoProvider][] = [
  [nodeCrypto, nobleCrypto],
  [nobleCrypto, nodeCrypto],
];
const pem = (file: string) => readFileSync(TEST_PKI(file), 'utf8');

describe('crypto providers agree (GBCS: ECDSA P-256/SHA-256, ECDH, AES-128-GCM)', () => {
  for (const [a, b] of providers) {
    it(`a signature made by ${a.name} verifies with ${b.name}, and fails when anything changes`, () => {
      const key = a.generateKeyPair();
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 200 }), fc.nat(63), (message, at) => {
          const signature = a.sign(key, message);
          expect(signature).toHaveLength(64);
          expect(b.verify(key.publicKey, message, signature)).toBe(true);
          const tampered = Uint8Array.from(signature);
          tampered[at] = tampered[at]! ^ 0x01;
          expect(b.verify(key.publicKey, message, tampered)).toBe(false);
          expect(b.verify(key.publicKey, Buffer.concat([message, Buffer.from([0])]), signature)).toBe(false);
        }),
        { numRuns: 40 },
      );
    });

    it(`ECDH secrets of ${a.name} and ${b.name} are equal`, () => {
      const alice = a.generateKeyPair();
      const bob = b.generateKeyPair();
      expect(Buffer.from(a.ecdh(alice, bob.publicKey))).toEqual(Buffer.from(b.ecdh(bob, alice.publicKey)));
      expect(a.ecdh(alice, bob.publicKey)).toHaveLength(32);
    });

    it(`AES-128-GCM of ${a.name} opens with ${b.name}, and refuses a changed tag`, () => {
      fc.assert(
        fc.property(
          fc.uint8Array({ minLength: 16, maxLength: 16 }),
          fc.uint8Array({ minLength: 12, maxLength: 12 }),
          fc.uint8Array({ maxLength: 64 }),
          fc.uint8Array({ maxLength: 40 }),
          (key, iv, plain, aad) => {
            const sealed = a.gcmEncrypt(key, iv, plain, aad);
            expect(sealed.tag).toHaveLength(16);
            expect(Buffer.from(b.gcmDecrypt(key, iv, sealed.ciphertext, sealed.tag, aad) ?? [])).toEqual(
              Buffer.from(plain),
            );
            const badTag = Uint8Array.from(sealed.tag);
            badTag[0] = badTag[0]! ^ 1;
            expect(b.gcmDecrypt(key, iv, sealed.ciphertext, badTag, aad)).toBeNull();
          },
        ),
        { numRuns: 50 },
      );
    });
  }

  it('accepts high-S signatures from either side (noble must not insist on low S)', () => {
    const key = nodeCrypto.generateKeyPair();
    // About half of OpenSSL's signatures are high-S; 32 tries make missing one vanishingly rare.
    for (let i = 0; i < 32; i++) {
      const message = Buffer.from(`message ${i}`);
      expect(nobleCrypto.verify(key.publicKey, message, nodeCrypto.sign(key, message))).toBe(true);
    }
  });

  it('refuses malformed signatures and points without throwing', () => {
    const key = nodeCrypto.generateKeyPair();
    for (const provider of [nodeCrypto, nobleCrypto]) {
      expect(provider.verify(key.publicKey, Buffer.from('m'), new Uint8Array(63))).toBe(false);
      expect(provider.verify(key.publicKey, Buffer.from('m'), new Uint8Array(64))).toBe(false);
      expect(provider.verify({ point: new Uint8Array(65) }, Buffer.from('m'), new Uint8Array(64).fill(1))).toBe(false);
    }
  });

  it('derives the same key pair from the same seed in both providers', () => {
    const seed = Buffer.from('seed for a meter');
    expect(Buffer.from(nodeCrypto.keyPairFromSeed(seed).publicKey.point)).toEqual(
      Buffer.from(nobleCrypto.keyPairFromSeed(seed).publicKey.point),
    );
  });
});

describe('test PKI keys load from PEM (PKCS#8, SPKI, X.509)', () => {
  it('signs with a PKCS#8 key and verifies against its X.509 certificate', () => {
    const key = privateKeyFromPem(pem('90b3d51f30010000-ds.key'));
    const cert = publicKeyFromPem(pem('90b3d51f30010000-ds.pem'));
    expect(Buffer.from(cert.point)).toEqual(Buffer.from(key.publicKey.point));
    for (const [a, b] of providers) expect(b.verify(cert, Buffer.from('x'), a.sign(key, Buffer.from('x')))).toBe(true);
  });

  it('round-trips keys through PEM', () => {
    const key = nodeCrypto.generateKeyPair();
    expect(Buffer.from(privateKeyFromPem(privateKeyToPem(key)).scalar)).toEqual(Buffer.from(key.scalar));
    expect(Buffer.from(publicKeyFromPem(publicKeyToPem(key.publicKey)).point)).toEqual(
      Buffer.from(key.publicKey.point),
    );
  });

  it('refuses what is not a P-256 key with a typed error', () => {
    expect(() => privateKeyFromPem('not a key', 'supplier-key')).toThrow(
      expect.objectContaining({ code: 'BAD_ARGUMENT', field: 'supplier-key' }),
    );
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
    expect(() => privateKeyFromPem(p384.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString())).toThrow(
      /P-256/,
    );
    expect(() =>
      publicKeyFromPem(p384.publicKey.export({ format: 'pem', type: 'spki' }).toString(), 'device-cert'),
    ).toThrow(/device-cert/);
  });
});

describe('GBCS KDF (FACTS: GBCS cryptography)', () => {
  const originator = parseEui('90-B3-D5-1F-30-01-00-00');
  const recipient = parseEui('00-DB-12-34-56-78-90-A0');

  it('lays out OtherInfo as prefix || originator || 09 || type || counter || recipient', () => {
    const info = Buffer.from(
      kdfOtherInfo({ originator, recipient, messageType: 'alert', counter: 0x0102030405060708n }),
    );
    expect(info.toString('hex')).toBe(
      '60857406080300' + '90b3d51f30010000' + '09' + '03' + '0102030405060708' + '00db1234567890a0',
    );
  });

  it('is the first 16 bytes of SHA-256(00000001 || Z || OtherInfo), same in both providers', () => {
    const z = new Uint8Array(32).fill(7);
    const info = kdfOtherInfo({ originator, recipient, messageType: 'command', counter: 1n });
    const expected = nodeCrypto.sha256(Buffer.concat([Buffer.from([0, 0, 0, 1]), z, info])).subarray(0, 16);
    expect(Buffer.from(gbcsKdf(nodeCrypto, z, info))).toEqual(Buffer.from(expected));
    expect(Buffer.from(gbcsKdf(nobleCrypto, z, info))).toEqual(Buffer.from(expected));
  });

  it('gives both ends of a key agreement the same message key', () => {
    const supplier = privateKeyFromPem(pem('90b3d51f30010000-ka.key'));
    const device = nodeCrypto.generateKeyPair();
    const params = { originator, recipient, messageType: 'command' as const, counter: 5n };
    expect(Buffer.from(deriveMessageKey(nodeCrypto, supplier, device.publicKey, params))).toEqual(
      Buffer.from(deriveMessageKey(nobleCrypto, device, supplier.publicKey, params)),
    );
  });
});
