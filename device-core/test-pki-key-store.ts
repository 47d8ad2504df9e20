import {
  SmetsimError,
  type CryptoProvider,
  type EcPrivateKey,
  type EcPublicKey,
  type Eui64,
} from '../protocol/index.js';
import type { DeviceKeyStore } from './device-key-store.js';

/** The mode's name, as `DeviceKeyStore.mode` reports it. Never the default: it must be asked for. */
export const TEST_PKI_MODE = 'test-pki';

/** What the test PKI publishes of one device: its certificates' public keys, never its private keys (GBCS-FACTS §6.6). */
export interface TestPkiDevice {
  readonly eui: Eui64;
  /** The public key of `<eui>-ds.pem`. */
  readonly dsCertificate: EcPublicKey;
  /** The public key of `<eui>-ka.pem`. */
  readonly kaCertificate: EcPublicKey;
}

/** A device key store in the test-PKI mode: what the generated store is, plus what its signatures are worth. */
export interface TestPkiKeyStore extends DeviceKeyStore {
  readonly mode: typeof TEST_PKI_MODE;
  /**
   * Always false: `sign` cannot make a signature that verifies with `dsPublic` (the certificate's
   * key), because the device's DS private key is not published. A checker must treat this
   * device's signatures as shape-only.
   */
  readonly signaturesVerify: false;
  /** The key `sign` really signs with, so that a test can still check what was signed. */
  readonly throwawayDsPublic: EcPublicKey;
}

/** The test PKI holds no private key for the counterpart asked for, so the secret cannot be made. */
export class TestPkiKeyError extends SmetsimError {
  declare readonly code: 'NO_PUBLISHED_KEY';
  constructor(message: string, field?: string) {
    super('NO_PUBLISHED_KEY', message, field);
  }
}

/**
 * The test-PKI mode of a device's key store (issue 13 §2). The DCC's test PKI (the RTDS keystore)
 * publishes each test device's certificates and the private keys of the parties: the ACB, the
 * suppliers (KA and prepayment KA), the network operators, the WAN provider, the other user
 * (GBCS-FACTS §6.6). ECDH is symmetric (§6.3: "either way round gives the same Z"), so the device
 * side's secret with a party is ECDH(the party's published KA private key, the device's KA
 * certificate): MACs and encrypted payloads made with it verify for anyone holding the real keys.
 *
 * What it cannot do: sign as the device. `sign` signs with a throwaway key derived from the EUI
 * (deterministic, so runs repeat), and `signaturesVerify` says so. In the RTDS this makes two kinds
 * of device output shape-only (GBCS-FACTS §1): responses to signed commands (the 197 `DF`-only
 * responses: every critical SR, e.g. 1.1.1 ECS01a, 2.1 ECS08, 3.1 ECS10, 6.15/6.21/6.23 CS02b,
 * 7.1-7.4 ECS42-45/GCS32-33/GCS39, 8.7.1 CS03A1, 11.3 CS06 ...) and critical alerts (the 81
 * `DF`-only alerts: 0x1000 generic critical alerts, 0x00CC/0x00CD future-dated alerts, the
 * firmware and credential alerts, ECS68). The conformance run lists them per use case.
 *
 * `partyKaKeys` are the published KA private keys (any `-ka.key` and `-pp-ka.key` of the
 * keystore). They are found by public point, not by EUI: a supplier has two KA keys (its MAC key
 * and its prepayment key, FACTS: UTRN), and a credential update (6.15, 6.23) can change either.
 */
export function testPkiKeyStore(
  crypto: CryptoProvider,
  device: TestPkiDevice,
  partyKaKeys: Iterable<EcPrivateKey>,
): TestPkiKeyStore {
  return new TestPkiStore(crypto, device, partyKaKeys);
}

/** The throwaway DS key's seed: SHA-256 of a fixed label and the EUI. */
function throwawaySeed(crypto: CryptoProvider, eui: Eui64): Uint8Array {
  return crypto.sha256(new TextEncoder().encode(`smetsim/test-pki/throwaway-ds/${eui}`));
}

class TestPkiStore implements TestPkiKeyStore {
  readonly mode = TEST_PKI_MODE;
  readonly signaturesVerify = false as const;
  private readonly published = new Map<string, EcPrivateKey>();
  private readonly secrets = new Map<string, { readonly point: Uint8Array; readonly z: Uint8Array }>();
  private readonly throwaway: EcPrivateKey;

  constructor(
    private readonly crypto: CryptoProvider,
    private readonly device: TestPkiDevice,
    partyKaKeys: Iterable<EcPrivateKey>,
  ) {
    for (const key of partyKaKeys) this.published.set(hexOf(key.publicKey.point), key);
    this.throwaway = crypto.keyPairFromSeed(throwawaySeed(crypto, device.eui));
  }

  get dsPublic(): EcPublicKey {
    return this.device.dsCertificate;
  }

  get kaPublic(): EcPublicKey {
    return this.device.kaCertificate;
  }

  get throwawayDsPublic(): EcPublicKey {
    return this.throwaway.publicKey;
  }

  sharedSecret(counterpart: Eui64, counterpartKa: EcPublicKey): Uint8Array {
    const cached = this.secrets.get(counterpart);
    if (cached && sameBytes(cached.point, counterpartKa.point)) return cached.z;
    const partyKey = this.published.get(hexOf(counterpartKa.point));
    if (!partyKey) {
      // A counterpart outside the published set: another device (the PPMID on the HAN, PCS01) or
      // a party whose key was replaced by one the test PKI does not hold.
      throw new TestPkiKeyError(
        `the test PKI publishes no KA private key for ${counterpart}'s key: ${this.device.eui} cannot agree a secret with it`,
        'counterpartKa',
      );
    }
    const z = this.crypto.ecdh(partyKey, this.device.kaCertificate);
    this.secrets.set(counterpart, { point: counterpartKa.point, z });
    return z;
  }

  sign(content: Uint8Array): Uint8Array {
    return this.crypto.sign(this.throwaway, content);
  }
}

function hexOf(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
