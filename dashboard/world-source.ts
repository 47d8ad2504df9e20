import type { Clock, Eui64 } from '../protocol/index.js';
import type { InboxItem } from '../dcc-head-end/inbox.js';
import type { PartyIdentity } from '../world/default-parties.js';
import type { Premises } from '../world/premises.js';

/**
 * What the dashboard reads of the head-end, and nothing more: the inboxes (read and hear appends)
 * and the event log (hear records): a part of the HeadEnd facade, which satisfies it as it is.
 */
export interface HeadEndView {
  readInbox(party: Eui64, after: number, limit: number): readonly InboxItem[];
  onInboxItem(listener: (party: Eui64, item: InboxItem) => void): void;
  onEvent(listener: (kind: string, detail: Record<string, unknown>) => void): void;
}

/** The running system the dashboard shows: the world's premises, parties and head-end. */
export interface DashboardWorld {
  readonly clock: Clock;
  readonly headEnd: HeadEndView;
  readonly parties: Readonly<Record<string, PartyIdentity>>;
  readonly premises: readonly Premises[];
}

/** Names for EUIs: which premises a device or hub belongs to, and which party an EUI is. */
export class WorldIndex {
  private readonly premisesByEui = new Map<string, number>();
  private readonly partyNames = new Map<string, string>();

  constructor(private readonly world: Pick<DashboardWorld, 'parties' | 'premises'>) {
    for (const home of world.premises)
      for (const device of home.devices) this.premisesByEui.set(device.eui, home.index);
    for (const [name, party] of Object.entries(world.parties)) this.partyNames.set(party.eui, name);
  }

  /**
   * The premises of a device or hub. Devices fitted later (a replacement ESME) are not in the
   * table; their EUI still reads 00-DB-12-<premises index>-<role> (world/premises.ts).
   */
  premisesOf(eui: string | undefined): number | undefined {
    if (eui === undefined) return undefined;
    const known = this.premisesByEui.get(eui);
    if (known !== undefined) return known;
    const match = /^00-DB-12-([0-9A-F]{2})-([0-9A-F]{2})-([0-9A-F]{2})-([0-9A-F]{2})-[0-9A-F]{2}$/.exec(eui);
    if (!match) return undefined;
    const index = parseInt(match.slice(1, 5).join(''), 16);
    return this.world.premises.some((home) => home.index === index) ? index : undefined;
  }

  partyName(eui: string | undefined): string | undefined {
    return eui === undefined ? undefined : this.partyNames.get(eui);
  }

  /** A party by name or EUI. */
  party(nameOrEui: string): PartyIdentity | undefined {
    return this.world.parties[nameOrEui] ?? Object.values(this.world.parties).find((p) => p.eui === nameOrEui);
  }
}
