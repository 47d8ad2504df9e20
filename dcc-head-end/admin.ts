import type { EcPrivateKey, Eui64 } from '../protocol/index.js';
import type { Consent, Consents } from './consents.js';
import type { HeadEndEventLog } from './event-log.js';
import type { DeviceRecord, Inventory } from './inventory.js';
import { ENTRY_PROCESSES, type EntryProcess, type PartyEvent } from './party-status.js';
import type { Party, PartyRegistry, Suspension } from './parties.js';
import type { Registration, RegistrationPeriod, RegistrationRole } from './registration.js';
import type { TokenService } from './token-service.js';

/**
 * The admin operations: the registration data, parties, consents and inventory that the real DCC
 * gets from industry systems (SEC; the REGIS and inventory feeds). The admin API, `smetsim admin`
 * and the scenario runner use these, never the services behind them.
 */
export class HeadEndAdmin {
  constructor(
    private readonly deps: {
      readonly parties: PartyRegistry;
      readonly registration: Registration;
      readonly consents: Consents;
      readonly inventory: Inventory;
      readonly events: HeadEndEventLog;
      readonly tokens: TokenService;
    },
  ) {}

  party(eui: Eui64): Party | undefined {
    return this.deps.parties.get(eui);
  }

  parties(): Party[] {
    return this.deps.parties.list();
  }

  addParty(party: Pick<Party, 'eui' | 'name' | 'categories' | 'keys'>): Party {
    return this.deps.parties.add(party);
  }

  /** A shortcut for test set-ups: accede, record the four entry processes on `at`, activate. */
  onboardParty(eui: Eui64, at: number): Party {
    this.deps.parties.transition(eui, 'accede', at);
    for (const process of ENTRY_PROCESSES) this.deps.parties.recordEntryProcess(eui, process, at);
    return this.deps.parties.transition(eui, 'activate', at);
  }

  /** Move a party's status (party-status.ts); a suspension names its services. */
  partyEvent(eui: Eui64, event: PartyEvent, at: number, suspension?: Omit<Suspension, 'since'>): Party {
    return this.deps.parties.transition(eui, event, at, suspension);
  }

  recordEntryProcess(eui: Eui64, process: EntryProcess, at: number): Party {
    return this.deps.parties.recordEntryProcess(eui, process, at);
  }

  setWebhook(eui: Eui64, url: string | undefined): Party {
    return this.deps.parties.setWebhook(eui, url);
  }

  register(mpxn: string, role: RegistrationRole, party: Eui64, from: number): void {
    this.deps.registration.register(mpxn, role, party, from);
  }

  registrationHistory(mpxn: string): RegistrationPeriod[] {
    return this.deps.registration.history(mpxn);
  }

  grantConsent(consent: Consent): void {
    this.deps.consents.grant(consent);
  }

  device(eui: Eui64): DeviceRecord | undefined {
    return this.deps.inventory.get(eui);
  }

  /** The meter points a hub's devices serve (the DUIS door's role choice). */
  pointsOfHub(hub: Eui64): ReturnType<Inventory['pointsOfHub']> {
    return this.deps.inventory.pointsOfHub(hub);
  }

  /** Who holds `role` for `mpxn` at `at`, if anyone. */
  registeredParty(mpxn: string, role: RegistrationRole, at: number): Eui64 | undefined {
    return this.deps.registration.partyAt(mpxn, role, at);
  }

  putDevice(record: DeviceRecord, at: number): DeviceRecord {
    return this.deps.inventory.put(record, at);
  }

  recentEvents(limit?: number, kind?: string): { at: number; kind: string; detail: unknown }[] {
    return this.deps.events.recent(limit, kind);
  }

  /** The token service holds a supplier's prepayment key (emulator choice, token-service.ts). */
  holdPrepaymentKey(supplier: Eui64, key: EcPrivateKey): void {
    this.deps.tokens.holdKey(supplier, key);
  }
}
