import { publicKeyFromPoint, type EcPublicKey, type Eui64 } from '../protocol/index.js';
import type { DeviceType } from '../protocol/device-type.js';
import { INVENTORY_STATUS, type InventoryEvent, type InventoryStatus } from './inventory-status.js';
import type { Db } from './storage/database.js';

/** A device as the DCC's Smart Metering Inventory knows it. */
export interface DeviceRecord {
  readonly eui: Eui64;
  readonly type: DeviceType;
  readonly status: InventoryStatus;
  /** The CHF the device is reached through (for a hub: itself). */
  readonly hub: Eui64 | undefined;
  /** The meter point of a meter. */
  readonly mpxn: string | undefined;
  /** The device's signing key, to verify its responses and alerts. */
  readonly ds: EcPublicKey | undefined;
  /** The device's key agreement key, for UTRNs. */
  readonly ka: EcPublicKey | undefined;
  /** The supplier that pre-notified it (SR 12.2): its installer until a meter point is known. */
  readonly installer?: Eui64 | undefined;
  /** The certified device model. */
  readonly model?: string | undefined;
}

interface Row {
  eui: string;
  type: string;
  status: string;
  hub: string | null;
  mpxn: string | null;
  ds_key: Buffer | null;
  ka_key: Buffer | null;
  installer: string | null;
  model: string | null;
}

export class Inventory {
  private readonly cache = new Map<Eui64, DeviceRecord>();

  constructor(private readonly db: Db) {}

  get(eui: Eui64): DeviceRecord | undefined {
    const cached = this.cache.get(eui);
    if (cached) return cached;
    const row = this.db.prepare('SELECT * FROM devices WHERE eui = ?').get(eui) as Row | undefined;
    if (!row) return undefined;
    const record = fromRow(row);
    this.cache.set(eui, record);
    return record;
  }

  put(record: DeviceRecord, at: number): DeviceRecord {
    this.db
      .prepare(
        `INSERT INTO devices (eui, type, status, hub, mpxn, ds_key, ka_key, installer, model, updated_at)
         VALUES (@eui, @type, @status, @hub, @mpxn, @ds, @ka, @installer, @model, @at)
         ON CONFLICT (eui) DO UPDATE SET type=@type, status=@status, hub=@hub, mpxn=@mpxn, ds_key=@ds, ka_key=@ka,
           installer=@installer, model=@model, updated_at=@at`,
      )
      .run({
        eui: record.eui,
        type: record.type,
        status: record.status,
        hub: record.hub ?? null,
        mpxn: record.mpxn ?? null,
        ds: record.ds ? Buffer.from(record.ds.point) : null,
        ka: record.ka ? Buffer.from(record.ka.point) : null,
        installer: record.installer ?? null,
        model: record.model ?? null,
        at,
      });
    this.cache.set(record.eui, record);
    return record;
  }

  can(eui: Eui64, event: InventoryEvent): boolean {
    const record = this.get(eui);
    return record !== undefined && INVENTORY_STATUS.can(record.status, event);
  }

  transition(eui: Eui64, event: InventoryEvent, at: number): DeviceRecord {
    const record = this.get(eui);
    if (!record) throw new RangeError(`no device ${eui} in the inventory`);
    return this.put({ ...record, status: INVENTORY_STATUS.next(record.status, event) }, at);
  }

  onHub(hub: Eui64): DeviceRecord[] {
    return (this.db.prepare('SELECT * FROM devices WHERE hub = ? ORDER BY eui').all(hub) as Row[]).map(
      (row) => this.get(row.eui as Eui64) ?? fromRow(row),
    );
  }

  /** The meter points served by a hub: the ESME's MPAN and the GSME's MPRN. */
  pointsOfHub(hub: Eui64): { electricity: string | undefined; gas: string | undefined } {
    // A replaced meter stays in the inventory, decommissioned: the live one holds the point.
    const devices = this.onHub(hub).filter((d) => d.status !== 'Decommissioned' && d.status !== 'Withdrawn');
    return {
      electricity: devices.find((d) => d.type === 'ESME')?.mpxn,
      gas: devices.find((d) => d.type === 'GSME')?.mpxn,
    };
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM devices').get() as { n: number }).n;
  }
}

function fromRow(row: Row): DeviceRecord {
  return {
    eui: row.eui as Eui64,
    type: row.type as DeviceType,
    status: row.status as InventoryStatus,
    hub: (row.hub ?? undefined) as Eui64 | undefined,
    mpxn: row.mpxn ?? undefined,
    ds: row.ds_key ? publicKeyFromPoint(row.ds_key) : undefined,
    ka: row.ka_key ? publicKeyFromPoint(row.ka_key) : undefined,
    installer: (row.installer ?? undefined) as Eui64 | undefined,
    model: row.model ?? undefined,
  };
}
