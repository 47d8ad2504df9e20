import {
  encodeFrame,
  nodeCrypto,
  parseEui,
  Prng,
  signFrame,
  type CommandFrame,
  type CryptoProvider,
  type EcPrivateKey,
  type Eui64,
  type PlainValue,
} from '../../protocol/index.js';
import type { CommissioningAnchors, ManufactureAnchors, PartyCredential } from '../../device-core/trust-store.js';
import { DCC_PARTIES } from '../../world/default-parties.js';

/** Party EUIs of the DCC test environment (issue: smetsim serve defaults). */
export const PARTY = {
  acb: parseEui(DCC_PARTIES.acb),
  transCoS: parseEui(DCC_PARTIES.transCoS),
  recovery: parseEui(DCC_PARTIES.recovery),
  supplier: parseEui('90-B3-D5-1F-30-01-00-00'),
  supplier2: parseEui('90-B3-D5-1F-30-03-00-00'),
  networkOperator: parseEui('90-B3-D5-1F-30-02-00-00'),
  otherUser: parseEui('90-B3-D5-1F-30-04-00-00'),
} as const;
export type PartyName = keyof typeof PARTY;

export interface PartyKeys {
  readonly eui: Eui64;
  readonly ds: EcPrivateKey;
  readonly ka: EcPrivateKey;
  readonly prepaymentKa: EcPrivateKey;
}

export function partyKeys(crypto: CryptoProvider = nodeCrypto, seed = 'dcc-fixture'): Record<PartyName, PartyKeys> {
  const rng = new Prng(seed);
  const make = (name: PartyName): PartyKeys => ({
    eui: PARTY[name],
    ds: crypto.keyPairFromSeed(rng.stream(`${name}/ds`).bytes(32)),
    ka: crypto.keyPairFromSeed(rng.stream(`${name}/ka`).bytes(32)),
    prepaymentKa: crypto.keyPairFromSeed(rng.stream(`${name}/pp`).bytes(32)),
  });
  return Object.fromEntries((Object.keys(PARTY) as PartyName[]).map((name) => [name, make(name)])) as Record<
    PartyName,
    PartyKeys
  >;
}

export function credentialOf(keys: PartyKeys): PartyCredential {
  return { eui: keys.eui, ds: keys.ds.publicKey, ka: keys.ka.publicKey, prepaymentKa: keys.prepaymentKa.publicKey };
}

export function anchorsFor(
  parties: Record<PartyName, PartyKeys>,
  supplier: PartyName = 'supplier',
): { manufacture: ManufactureAnchors; commissioning: CommissioningAnchors } {
  return {
    manufacture: {
      AccessControlBroker: credentialOf(parties.acb),
      TransitionalCoS: credentialOf(parties.transCoS),
      Recovery: credentialOf(parties.recovery),
    },
    commissioning: {
      Supplier: credentialOf(parties[supplier]),
      NetworkOperator: credentialOf(parties.networkOperator),
    },
  };
}

export interface CommandSpec {
  readonly to: Eui64;
  readonly sr: string;
  readonly payload?: PlainValue;
  /** The requesting party (the originator); the supplier by default. */
  readonly from?: PartyName;
  readonly counter?: bigint;
  readonly executeAt?: number;
  readonly expiresAt?: number;
  /** Which signatures to put on, and with whose key: defaults to ACB, plus the supplier for critical SRs. */
  readonly acb?: PartyName | false;
  readonly authority?: { readonly role: 'Supplier' | 'TransitionalCoS'; readonly by: PartyName } | false;
}

/**
 * Plays the DCC for device tests: builds command frames and signs them as the ACB (and the
 * supplier or the CoS party) would. The head-end's real pipeline is another issue; this is the
 * minimum a device needs to see.
 */
export class TestDcc {
  private counters = new Map<Eui64, bigint>();

  constructor(
    readonly parties: Record<PartyName, PartyKeys>,
    private readonly now: () => number,
    private readonly crypto: CryptoProvider = nodeCrypto,
  ) {}

  nextCounter(from: Eui64): bigint {
    const next = (this.counters.get(from) ?? 0n) + 1n;
    this.counters.set(from, next);
    return next;
  }

  frame(spec: CommandSpec): CommandFrame {
    const from = this.parties[spec.from ?? 'supplier'];
    let frame: CommandFrame = {
      kind: 'command',
      header: {
        originator: from.eui,
        recipient: spec.to,
        counter: spec.counter ?? this.nextCounter(from.eui),
        createdAt: this.now(),
        ...(spec.executeAt !== undefined ? { executeAt: spec.executeAt } : {}),
        ...(spec.expiresAt !== undefined ? { expiresAt: spec.expiresAt } : {}),
      },
      serviceRequest: spec.sr,
      payload: spec.payload ?? null,
      signatures: [],
    };
    if (spec.authority)
      frame = signFrame(
        this.crypto,
        frame,
        spec.authority.role,
        this.parties[spec.authority.by].eui,
        this.parties[spec.authority.by].ds,
      );
    const acb = spec.acb ?? 'acb';
    if (acb) frame = signFrame(this.crypto, frame, 'AccessControlBroker', PARTY.acb, this.parties[acb].ds);
    return frame;
  }

  bytes(spec: CommandSpec): Uint8Array {
    return encodeFrame(this.frame(spec));
  }

  /** A critical command signed by the registered supplier and the ACB. */
  critical(spec: Omit<CommandSpec, 'authority'> & { by?: PartyName }): Uint8Array {
    return this.bytes({ ...spec, authority: { role: 'Supplier', by: spec.by ?? spec.from ?? 'supplier' } });
  }
}
