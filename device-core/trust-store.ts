import type { DeviceTrustRole, EcPublicKey, Eui64 } from '../protocol/index.js';

/** What a device holds for one remote party: its id and public keys. */
export interface PartyCredential {
  readonly eui: Eui64;
  /** Digital signing key. */
  readonly ds: EcPublicKey;
  /** Key agreement key. */
  readonly ka?: EcPublicKey;
  /** Suppliers only: the prepayment key-agreement key that UTRNs are made with. */
  readonly prepaymentKa?: EcPublicKey;
}

/** Installed at manufacture (GBCS): the DCC's Access Control Broker, its CoS party, and Recovery. */
export interface ManufactureAnchors {
  readonly AccessControlBroker: PartyCredential;
  readonly TransitionalCoS: PartyCredential;
  readonly Recovery: PartyCredential;
}

/** Installed at commissioning: the supplier and the network operator. */
export interface CommissioningAnchors {
  readonly Supplier: PartyCredential;
  readonly NetworkOperator?: PartyCredential;
}

/**
 * The trust anchors a device holds, by remote party role. Credential objects are shared between
 * devices (every meter trusts the same ACB), so a store costs a handful of references.
 */
export class TrustStore {
  private readonly anchors: Partial<Record<DeviceTrustRole, PartyCredential>>;

  constructor(manufacture: ManufactureAnchors, commissioning?: CommissioningAnchors) {
    this.anchors = { ...manufacture, ...commissioning };
  }

  get(role: DeviceTrustRole): PartyCredential | undefined {
    return this.anchors[role];
  }

  /** Replace one role's credentials (commissioning, CS02b: 6.15.1, 6.21, 6.23 change of supplier). */
  install(role: DeviceTrustRole, credential: PartyCredential): void {
    this.anchors[role] = credential;
  }

  /** Empty one role's cells (a device set up without that party, as some RTDS contexts are). */
  remove(role: DeviceTrustRole): void {
    delete this.anchors[role];
  }
}
