import type { EcPrivateKey, Eui64 } from '../protocol/index.js';
import type { Consent, Consents } from './consents.js';
import type { HeadEndEventLog } from './event-log.js';
import type { DeviceRecord, Inventory } from './inventory.js';
import { ENTRY_PROCESSES, type EntryProcess, type PartyEvent } from './party-status.js';
import type { Party, PartyRegistry, Suspension } from './parties.js';
import type { Registration, RegistrationPeriod, RegistrationRole } from './registration.js';
import type { TokenService } from './token-service.js';
import { enrolledPointsOf, leave, type PartyExit, type PartyExitDeps } from './party-exit.js';
import type { Schedule, Schedules } from './schedules.js';

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
      /** SEC ch. 19-20: what a party's exit stops. */
      readonly exit: PartyExitDeps;
      readonly schedules: Schedules;
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

  /**
   * Move a party's status (party-status.ts); a suspension names its services. Withdrawal and
   * expulsion have their consequences (SEC ch. 20, party-exit.ts), the inbox closing at once;
   * a withdrawal is refused while the party is registered for an enrolled system.
   */
  partyEvent(eui: Eui64, event: PartyEvent, at: number, suspension?: Omit<Suspension, 'since'>): Party {
    if (event === 'withdraw' || event === 'expel') {
      this.leave(eui, event, at, at);
      return this.deps.parties.get(eui)!;
    }
    return this.deps.parties.transition(eui, event, at, suspension);
  }

  /** SEC ch. 19-20: the party leaves; its inbox stays readable until `inboxReadableUntil`. */
  leave(eui: Eui64, how: 'withdraw' | 'expel', at: number, inboxReadableUntil: number): PartyExit {
    return leave(this.deps.exit, eui, how, at, inboxReadableUntil);
  }

  /** SEC ch. 20: the meter points the party is registered for whose system is enrolled. */
  enrolledPoints(eui: Eui64, at: number, role?: RegistrationRole): string[] {
    // With a role: the systems the party pays a fixed charge for in that class (SEC ch. 9).
    return enrolledPointsOf(this.deps.exit, eui, at, role ? [role] : undefined);
  }

  /** A party's live schedules (SR 5.1). */
  schedulesOf(eui: Eui64): Schedule[] {
    return this.deps.schedules.ofOwner(eui);
  }

  /**
   * The party's service requests the DCC took for a device, and how many a device answered. The
   * SEC side reads these for its six-month rule (a core service taken, SEC ch. 5).
   */
  requestCounts(eui: Eui64): { readonly taken: number; readonly answered: number } {
    return this.deps.exit.db
      .prepare(
        "SELECT COUNT(*) AS taken, COUNT(CASE WHEN state = 'answered' THEN 1 END) AS answered FROM requests WHERE party = ?",
      )
      .get(eui) as { taken: number; answered: number };
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
