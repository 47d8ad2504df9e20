import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateUtrn, nobleCrypto, nodeCrypto, parseEui, utrnCheckDigit } from '../../protocol/index.js';
import { privateKeyFromPem, publicKeyFromPem } from '../../protocol/crypto/pem.js';
import { TEST_PKI } from '../support/test-pki.js';

const supplierPp = privateKeyFromPem(readFileSync(TEST_PKI('90b3d51f30010000-pp-ka.key'), 'utf8'));
const deviceKa = publicKeyFromPem(readFileSync(TEST_PKI('00db1234567890a0-ka.pem'), 'utf8'));

describe('GBCS UTRN against the published example (FACTS: Prepayment)', () => {
  for (const crypto of [nodeCrypto, nobleCrypto]) {
    it(`gives 73943333457189043313 for 100 pounds at counter 0x100000000 (${crypto.name})`, () => {
      const utrn = generateUtrn(crypto, supplierPp, deviceKa, {
        originator: parseEui('90-B3-D5-1F-30-01-00-00'),
        target: parseEui('00-DB-12-34-56-78-90-A0'),
        counter: 0x100000000n,
        value: 100,
        valueClass: 'pounds',
      });
      expect(utrn).toBe('73943333457189043313');
    });
  }

  it('the check digit of the published example is 3', () => {
    expect(utrnCheckDigit('7394333345718904331')).toBe(3);
  });
});
