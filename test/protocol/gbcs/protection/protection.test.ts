import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nobleCrypto } from '../../../../protocol/crypto/noble-provider.js';
import { nodeCrypto } from '../../../../protocol/crypto/node-provider.js';
import { parseEui } from '../../../../protocol/eui.js';
import { decodeGbcs, decodeGbcsWithLayout, encodeGbcs } from '../../../../protocol/gbcs/envelope/index.js';
import { GbcsError } from '../../../../protocol/gbcs/errors.js';
import {
  checkProtection,
  decryptParts,
  GbcsKeyStore,
  macKey,
  NO_KEYS,
  payloadKey,
  readPlaintext,
  sealEncrypted,
  sealGbcs,
  signGeneralSigning,
  wrapWithMac,
  type GbcsKeyResolver,
} from '../../../../protocol/gbcs/protection/index.js';
import { loadKeystoreDir } from '../../../../world/gbcs-keystore-files.js';
import { TEST_PKI, TEST_PKI_DIR } from '../../../support/test-pki.js';
import {
  ECS09_COMMAND,
  ECS09_PRECOMMAND,
  ECS09_RESPONSE,
  ECS17B_COMMAND,
  ECS17B_PLAINTEXT,
  ECS17B_RESPONSE,
} from '../envelope/rtds-vectors.js';

// The DCC's public test PKI (reference/test-pki): the parties' private keys, the devices' certificates.
const keys = loadKeystoreDir(TEST_PKI_DIR);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

function check(bytes: Uint8Array, resolver: GbcsKeyResolver = keys, crypto = nodeCrypto) {
  return checkProtection(crypto, resolver, bytes, decodeGbcsWithLayout(bytes));
}

function flipped(bytes: Uint8Array, at: number): Uint8Array {
  const out = Uint8Array.from(bytes);
  out[at]! ^= 0x01;
  return out;
}

/** A store holding only the named files of the test PKI. */
function storeOf(...names: string[]): GbcsKeyStore {
  return GbcsKeyStore.fromEntries(names.map((name) => ({ name, pem: readFileSync(TEST_PKI(name), 'utf8') })));
}

describe('GBCS-FACTS §6.2–6.3: the MAC', () => {
  it('§11: the ECS17b response MAC verifies with supplier KA × ESME KA, key d288…3058', () => {
    const key = macKey(nodeCrypto, keys, decodeGbcs(ECS17B_RESPONSE).signing.header);
    expect('key' in key && hex(key.key)).toBe('d288091f13f120da8d2649c3aa543058');
    expect(check(ECS17B_RESPONSE)).toEqual({ mac: { status: 'valid' }, signature: { status: 'absent' } });
  });

  it('§12: the ECS17b command MAC is made by the ACB for the supplier, key ec1d…12c0', () => {
    const key = macKey(nodeCrypto, keys, decodeGbcs(ECS17B_COMMAND).signing.header);
    expect('key' in key && hex(key.key)).toBe('ec1d51bd8f8bf0cdd2314cf396cc12c0');
    expect(check(ECS17B_COMMAND).mac).toEqual({ status: 'valid' });
  });

  it("§6.3: the supplier's own KA key cannot check a command MAC: without the ACB's it is not checked", () => {
    const supplierOnly = storeOf('90b3d51f30010000-ka.key', '00db1234567890a0-ka.pem');
    expect(check(ECS17B_COMMAND, supplierOnly).mac.status).toBe('not-checked');
    expect(check(ECS17B_RESPONSE, supplierOnly).mac.status).toBe('valid');
  });

  it('no changed byte of the ECS17b response leaves a valid MAC: it is refused, invalid, or (a changed system title) not checkable', () => {
    for (let at = 0; at < ECS17B_RESPONSE.length; at++) {
      let outcome;
      try {
        outcome = check(flipped(ECS17B_RESPONSE, at)).mac.status;
      } catch (error) {
        expect(error).toBeInstanceOf(GbcsError);
        continue;
      }
      expect(outcome, `byte ${at}`).not.toBe('valid');
      if (at < 25 || at > 42) expect(outcome, `byte ${at}`).toBe('invalid');
    }
  });

  it('without keys the MAC is not checked, and says which keys it needs', () => {
    const { mac } = check(ECS17B_RESPONSE, NO_KEYS);
    expect(mac).toMatchObject({ status: 'not-checked', reason: expect.stringMatching(/90-B3-D5-1F-30-01-00-00/) });
  });

  it('wrapWithMac and sealGbcs reproduce the RTDS MACs of the response and the commands', () => {
    for (const bytes of [ECS17B_RESPONSE, ECS17B_COMMAND, ECS09_COMMAND]) {
      const sealed = wrapWithMac(nodeCrypto, keys, decodeGbcs(bytes).signing);
      expect(hex(encodeGbcs(sealed))).toBe(hex(bytes));
      expect(hex(sealGbcs(nobleCrypto, keys, decodeGbcs(bytes).signing))).toBe(hex(bytes));
    }
  });

  it('the noble provider reaches the same verdicts', () => {
    expect(check(ECS17B_RESPONSE, keys, nobleCrypto).mac.status).toBe('valid');
    expect(check(ECS09_COMMAND, keys, nobleCrypto)).toEqual({
      mac: { status: 'valid' },
      signature: { status: 'valid' },
    });
    expect(check(flipped(ECS17B_COMMAND, 150), keys, nobleCrypto).mac.status).toBe('invalid');
  });
});

describe('GBCS-FACTS §6.4: signatures', () => {
  it("the critical ECS09 command verifies with the supplier's DS certificate, its response with the ESME's", () => {
    expect(check(ECS09_COMMAND)).toEqual({ mac: { status: 'valid' }, signature: { status: 'valid' } });
    expect(check(ECS09_RESPONSE)).toEqual({ mac: { status: 'absent' }, signature: { status: 'valid' } });
  });

  it('a changed payload byte (the action result) makes the signature invalid; the pre-command carries none', () => {
    expect(check(flipped(ECS09_RESPONSE, 45)).signature.status).toBe('invalid');
    expect(check(ECS09_PRECOMMAND)).toEqual({ mac: { status: 'absent' }, signature: { status: 'absent' } });
  });

  it("without the originator's DS certificate the signature is not checked", () => {
    expect(check(ECS09_RESPONSE, storeOf('90b3d51f30010000-ds.pem')).signature).toMatchObject({
      status: 'not-checked',
    });
  });

  it('signing a pre-command and MACing it gives a command that checks out', () => {
    const pre = decodeGbcs(ECS09_PRECOMMAND).signing;
    const supplierDs = keys.privateKey(parseEui('90B3D51F30010000'), 'ds');
    expect(supplierDs).toBeDefined();
    const signed = signGeneralSigning(nodeCrypto, pre, supplierDs!);
    const bytes = encodeGbcs(wrapWithMac(nodeCrypto, keys, signed));
    expect(check(bytes)).toEqual({ mac: { status: 'valid' }, signature: { status: 'valid' } });
    expect(hex(bytes.subarray(14, 14 + ECS09_PRECOMMAND.length))).toBe(hex(ECS09_PRECOMMAND));
  });
});

describe('GBCS-FACTS §6.5: encrypted payloads', () => {
  const message = decodeGbcs(ECS17B_RESPONSE);
  const header = message.signing.header;

  it('§11: the type-04 key is 12cb…f9fd and the protected data opens to the register values', () => {
    const key = payloadKey(nodeCrypto, keys, header);
    expect('key' in key && hex(key.key)).toBe('12cb821c471ec2144c68e12a5657f9fd');
    const [part, ...rest] = decryptParts(nodeCrypto, keys, header, message.signing.payload);
    expect(rest).toHaveLength(0);
    expect(part).toMatchObject({ path: 'data[0][1]', outcome: { status: 'valid' } });
    expect(hex(part!.plaintext!)).toBe(hex(ECS17B_PLAINTEXT));
    const data = readPlaintext(part!, part!.plaintext!);
    expect(data).toMatchObject({
      type: 'structure',
      items: [{ type: 'structure', items: [{ type: 'double-long-unsigned', value: 10 }, {}, { value: 10 }, {}] }],
    });
  });

  it('sealing the plaintext again gives the same blob (one key and IV per message)', () => {
    const key = payloadKey(nodeCrypto, keys, header);
    if (!('key' in key)) throw new Error(key.missing);
    const [part] = decryptParts(nodeCrypto, keys, header, message.signing.payload);
    expect(hex(sealEncrypted(nobleCrypto, key.key, header, ECS17B_PLAINTEXT))).toBe(hex(part!.blob));
  });

  it('a changed ciphertext byte fails the inner tag; without keys the part is not checked', () => {
    const bad = decodeGbcs(flipped(ECS17B_RESPONSE, 135));
    expect(decryptParts(nodeCrypto, keys, bad.signing.header, bad.signing.payload)[0]).toMatchObject({
      outcome: { status: 'invalid' },
      plaintext: null,
    });
    expect(decryptParts(nodeCrypto, NO_KEYS, header, message.signing.payload)[0]?.outcome.status).toBe('not-checked');
  });
});

describe('GBCS-FACTS §6.6: the keystore', () => {
  it('reads <eui>-ds|ka.pem|.key names, skips the rest, and lets a private key stand for its public key', () => {
    const pem = readFileSync(TEST_PKI('90b3d51f30010000-ka.key'), 'utf8');
    const store = GbcsKeyStore.fromEntries([
      { name: '90b3d51f30010000-ka.key', pem },
      { name: '90b3d51f30010000-pp-ka.key', pem },
      { name: 'README.md', pem: 'not a key' },
    ]);
    expect(store.size).toBe(1);
    const eui = parseEui('90B3D51F30010000');
    expect(store.publicKey(eui, 'ka')).toEqual(store.privateKey(eui, 'ka')?.publicKey);
    expect(store.publicKey(eui, 'ds')).toBeUndefined();
  });

  it('refuses a bad PEM under a keystore name, naming the file', () => {
    expect(() => GbcsKeyStore.fromEntries([{ name: '00db1234567890a0-ka.pem', pem: 'junk' }])).toThrow(
      /00db1234567890a0-ka\.pem/,
    );
  });
});
