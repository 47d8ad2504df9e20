import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeCrypto } from '../../../../protocol/crypto/node-provider.js';
import type { CryptoProvider } from '../../../../protocol/crypto/provider.js';
import { parseEui } from '../../../../protocol/eui.js';
import { decodeGbcs, decodeGbcsWithLayout, encodeGeneralSigning } from '../../../../protocol/gbcs/envelope/index.js';
import { GbcsError } from '../../../../protocol/gbcs/errors.js';
import { checkProtection, GbcsKeyStore, RTDS_ACB } from '../../../../protocol/gbcs/protection/index.js';
import {
  buildCommandSigning,
  buildResponseSigning,
  CachingPairSecrets,
  checkMac,
  downTopic,
  parseSmwanTopic,
  peekGroupingHeader,
  preCommandBytes,
  readCommand,
  readResponse,
  receivedSignedPart,
  sealWithMac,
  signedPart,
  WireError,
  type WireCommand,
} from '../../../../protocol/gbcs/wire/index.js';
import { loadKeystoreDir } from '../../../../world/gbcs-keystore-files.js';
import { TEST_PKI_DIR } from '../../../support/test-pki.js';

const keys = loadKeystoreDir(TEST_PKI_DIR);
const hexOf = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();
const bytes = (h: string) => Uint8Array.from(Buffer.from(h.replace(/\s+/g, ''), 'hex'));

const SUPPLIER = parseEui('90B3D51F30010000');
const CHF = parseEui('00DB1234567890A2');

// RTDS 4.5.0 8.9_CCS05CCS04/CCS05CCS04_8.9_SUCCESS_COMMAND_GBCS.HEX: the ACB (…0002) reads the CHF
// device log for the supplier (…30010000, counter 0x3E8), ACB counter 0x514.
const CCS04_COMMAND = bytes(`
  DD 000000000000 57 1100000000
  DF 09 01 0000000000000514 08 90B3D51F30000002 08 00DB1234567890A2 00
     12 0004 90B3D51F30010000 00000000000003E8
     13 D9 20000514 00 01 01 0068 00001E0300FF 04 01 00
     00
  3430654FA37BBAA1BAA230F9`);

const ccs04: WireCommand = {
  header: { originator: RTDS_ACB, recipient: CHF, counter: 0x514n },
  serviceRequest: '8.9',
  body: {},
  onBehalfOf: { party: SUPPLIER, counter: 0x3e8n },
};

/** A crypto provider that counts ECDH computations. */
function countingEcdh(): { crypto: CryptoProvider; count: () => number } {
  let n = 0;
  return {
    crypto: {
      ...nodeCrypto,
      ecdh: (own, peer) => {
        n += 1;
        return nodeCrypto.ecdh(own, peer);
      },
    },
    count: () => n,
  };
}

describe('GBCS wire: commands (GBCS-FACTS §1, §4, §6.2-6.3)', () => {
  it('CCS04 8.9: the head-end builds the RTDS command byte for byte, MAC made by the ACB', () => {
    const { signing } = buildCommandSigning(ccs04, 'CHF', 0);
    const sealed = sealWithMac(nodeCrypto, new CachingPairSecrets(nodeCrypto, keys), signing, RTDS_ACB);
    expect(hexOf(sealed)).toBe(hexOf(CCS04_COMMAND));
  });

  it('CCS04 8.9: the device reads the RTDS command back as the handler body, MAC valid', () => {
    const decoded = decodeGbcsWithLayout(CCS04_COMMAND);
    const { command, codec } = readCommand(decoded.message);
    expect(codec.useCase).toBe('CCS04');
    expect(command).toEqual(ccs04);
    expect(checkMac(nodeCrypto, new CachingPairSecrets(nodeCrypto, keys), CCS04_COMMAND, decoded, RTDS_ACB)).toEqual({
      status: 'valid',
    });
  });

  it('a flipped byte anywhere in the MAC-covered part makes the MAC invalid, or the bytes undecodable', () => {
    const secrets = new CachingPairSecrets(nodeCrypto, keys);
    for (let at = 13; at < CCS04_COMMAND.length; at++) {
      const bad = Uint8Array.from(CCS04_COMMAND);
      bad[at]! ^= 0x04;
      let outcome: string;
      try {
        outcome = checkMac(nodeCrypto, secrets, bad, decodeGbcsWithLayout(bad), RTDS_ACB).status;
      } catch (error) {
        expect(error).toBeInstanceOf(GbcsError);
        outcome = 'undecodable';
      }
      expect(outcome, `byte ${at}`).not.toBe('valid');
    }
  });

  it('the ACB ↔ device secret is agreed once, whatever the number of messages (one SHA-256 + one GCM each)', () => {
    const { crypto, count } = countingEcdh();
    const secrets = new CachingPairSecrets(crypto, keys);
    for (let i = 0; i < 20; i++) {
      const { signing } = buildCommandSigning(
        { ...ccs04, header: { ...ccs04.header, counter: 0x514n + BigInt(i) } },
        'CHF',
        0,
      );
      sealWithMac(crypto, secrets, signing, RTDS_ACB);
    }
    expect(count()).toBe(1);
  });

  it('no codec for (variant, device type) is a WireError NO_USE_CASE before anything is made', () => {
    expect(() => buildCommandSigning({ ...ccs04, serviceRequest: '8.9' }, 'ESME', 0)).toThrow(WireError);
    try {
      buildCommandSigning({ ...ccs04, serviceRequest: '99.9' }, 'CHF', 0);
    } catch (error) {
      expect((error as WireError).code).toBe('NO_USE_CASE');
    }
  });

  it('without the private key of either party the MAC cannot be made (NO_KEY)', () => {
    const { signing } = buildCommandSigning(ccs04, 'CHF', 0);
    expect(() =>
      sealWithMac(nodeCrypto, new CachingPairSecrets(nodeCrypto, new GbcsKeyStore()), signing, RTDS_ACB),
    ).toThrow(/no KA key pair/);
  });

  it('§6.4: a pre-command is DF + the signed part; the party signs exactly those bytes after the tag', () => {
    const { signing } = buildCommandSigning({ ...ccs04, onBehalfOf: undefined }, 'CHF', 0);
    const pre = preCommandBytes(signing);
    expect(pre[0]).toBe(0xdf);
    expect(hexOf(pre.subarray(1))).toBe(hexOf(signedPart(signing)));
    const supplierDs = keys.privateKey(SUPPLIER, 'ds')!;
    const signed = { ...signing, header: { ...signing.header, originator: SUPPLIER } };
    const signature = nodeCrypto.sign(supplierDs, signedPart(signed));
    const sealed = sealWithMac(
      nodeCrypto,
      new CachingPairSecrets(nodeCrypto, keys),
      { ...signed, signature: { kind: 'signed', signature } },
      RTDS_ACB,
    );
    const decoded = decodeGbcsWithLayout(sealed);
    expect(hexOf(receivedSignedPart(sealed, decoded))).toBe(hexOf(signedPart(signed)));
    expect(checkProtection(nodeCrypto, keys, sealed, decoded)).toEqual({
      mac: { status: 'valid' },
      signature: { status: 'valid' },
    });
  });
});

describe('GBCS wire: responses (GBCS-FACTS §4: the command counter, device → command originator)', () => {
  it('CCS04 8.9: the response repeats the counter and the other-information, and reads back as the outcome', () => {
    const command = decodeGbcs(CCS04_COMMAND);
    const { codec } = readCommand(command);
    const log = [{ device: parseEui('00DB1234567890A0') }, { device: parseEui('00DB1234567890A1') }];
    const signing = buildResponseSigning(command, codec, { status: 'OK', payload: { deviceLog: log } }, 0);
    expect(signing.header).toMatchObject({ cra: 'response', counter: 0x514n, originator: CHF, recipient: RTDS_ACB });
    expect(signing.header.otherInformation).toEqual(command.signing.header.otherInformation);
    const read = readResponse(decodeGbcs(encodeGeneralSigning(signing)));
    expect(read.outcome).toEqual({ status: 'OK', payload: { deviceLog: log } });
    expect(read.onBehalfOf).toEqual({ party: SUPPLIER, counter: 0x3e8n });
  });

  it('a command is not read as a response, nor a response as a command (WRONG_KIND)', () => {
    const command = decodeGbcs(CCS04_COMMAND);
    expect(() => readResponse(command)).toThrow(WireError);
    const response = decodeGbcs(
      encodeGeneralSigning(buildResponseSigning(command, readCommand(command).codec, { status: 'OK', payload: {} }, 0)),
    );
    expect(() => readCommand(response)).toThrow(WireError);
  });
});

describe('GBCS wire: the hub reads the grouping header only', () => {
  it('peekGroupingHeader gives the full decode header for DD and DF messages', () => {
    expect(peekGroupingHeader(CCS04_COMMAND)).toEqual(decodeGbcs(CCS04_COMMAND).signing.header);
    const { signing } = buildCommandSigning(ccs04, 'CHF', 0);
    expect(peekGroupingHeader(preCommandBytes(signing)).recipient).toBe(CHF);
  });

  it('property: random bytes give a header or a GbcsError, never anything else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (random) => {
        try {
          peekGroupingHeader(random);
        } catch (error) {
          expect(error).toBeInstanceOf(GbcsError);
        }
      }),
    );
  });

  it('property: mutated and truncated commands give a header, a decoded message, or only GbcsError/WireError/UseCaseError', () => {
    fc.assert(
      fc.property(
        fc.nat(CCS04_COMMAND.length - 1),
        fc.integer({ min: 1, max: 255 }),
        fc.nat(CCS04_COMMAND.length),
        (at, xor, cut) => {
          const bad = Uint8Array.from(CCS04_COMMAND);
          bad[at]! ^= xor;
          for (const candidate of [bad, CCS04_COMMAND.subarray(0, cut)]) {
            try {
              peekGroupingHeader(candidate);
              readCommand(decodeGbcs(candidate));
            } catch (error) {
              expect(['GbcsError', 'WireError', 'UseCaseError']).toContain((error as Error).constructor.name);
            }
          }
        },
      ),
    );
  });
});

describe('issue 17: the DCC deadline travels in the down topic, outside the GBCS message', () => {
  it('round-trips the expiry and says none with "-"', () => {
    const hub = parseEui('00DB1234567890A2');
    expect(downTopic(hub, 1_700_000_000_123)).toBe(`smwan/v1/${hub}/down/1700000000123`);
    expect(parseSmwanTopic(downTopic(hub, 1_700_000_000_123))).toEqual({
      hub,
      channel: 'down',
      expiresAt: 1_700_000_000_123,
    });
    expect(parseSmwanTopic(downTopic(hub, undefined))?.expiresAt).toBeNull();
    expect(parseSmwanTopic(`smwan/v1/${hub}/down`)?.expiresAt).toBeUndefined();
    expect(parseSmwanTopic(`smwan/v1/${hub}/down/12x`)).toBeUndefined();
    expect(parseSmwanTopic(`smwan/v1/${hub}/up/12`)).toBeUndefined();
  });
});
