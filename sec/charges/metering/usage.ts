import type { Eui64 } from '../../../protocol/index.js';
import type { Db } from '../../../dcc-head-end/storage/database.js';
import type { UsageRow } from './usage-meter.js';

const DAY = (column: string) => `strftime('%Y-%m-%d', ${column} / 1000, 'unixepoch')`;

/**
 * A party's usage per day, from four durable sources (SEC ch. 9, issue 16 part 1):
 * - gateway: the JSON calls the meter committed (usage-meter.ts);
 * - inbox: responses, alerts and DCC alerts put in the party's inbox, by SR or alert code, with
 *   the bytes of their bodies: read from the inbox table itself, which is the durable record of
 *   what the DCC delivered (nothing to lose, nothing to add at run time);
 * - webhook: the items pushed to the party's webhook and acknowledged (webhook_deliveries);
 * - gbcs: the commands the DCC sent to devices for the party, the bytes of each signed command
 *   (requests.command; the GBCS payload once issue 13 puts it on the wire).
 * Days are UTC dates; `from`/`to` are inclusive YYYY-MM-DD.
 */
export function usageOf(db: Db, party: Eui64 | undefined, from: string, to: string): UsageRow[] {
  const who = party === undefined ? '' : 'AND party = @party';
  const rows = db
    .prepare(
      `SELECT party, day, channel, sr, variant, direction, messages, bytes FROM charges_usage
         WHERE day BETWEEN @from AND @to ${who}
       UNION ALL
       SELECT party, ${DAY('received_at')} AS day, 'inbox', COALESCE(sr, alert_code, kind), 0, 'out',
              COUNT(*), SUM(length(CAST(body AS BLOB)))
         FROM inbox WHERE ${DAY('received_at')} BETWEEN @from AND @to ${who}
         GROUP BY party, day, COALESCE(sr, alert_code, kind)
       UNION ALL
       SELECT w.party, ${DAY('w.delivered_at')} AS day, 'webhook', COALESCE(i.sr, i.alert_code, i.kind), 0, 'out',
              COUNT(*), SUM(length(CAST(i.body AS BLOB)))
         FROM webhook_deliveries w JOIN inbox i ON i.cursor = w.cursor
         WHERE w.delivered_at > 0 AND ${DAY('w.delivered_at')} BETWEEN @from AND @to ${who.replace('party', 'w.party')}
         GROUP BY w.party, day, COALESCE(i.sr, i.alert_code, i.kind)
       UNION ALL
       SELECT party, ${DAY('created_at')} AS day, 'gbcs', sr, variant, 'out', COUNT(*), SUM(length(command))
         FROM requests WHERE command IS NOT NULL AND ${DAY('created_at')} BETWEEN @from AND @to ${who}
         GROUP BY party, day, sr, variant
       ORDER BY 1, 2, 3, 4, 5, 6`,
    )
    .all({ from, to, ...(party === undefined ? {} : { party }) }) as UsageRow[];
  return rows.map((row) => ({ ...row, messages: Number(row.messages), bytes: Number(row.bytes ?? 0) }));
}

/**
 * The bytes charged at the price per GB (SEC ch. 9: "data sent and received"): what crossed
 * between the party and the DCC, i.e. the gateway calls both ways and the webhook pushes. Inbox
 * items read by a poll are inside the poll's answer bytes already; GBCS commands travel between
 * the DCC and the device, not the party. Both are reported, not charged (our reading: the seed
 * prices the party's own data traffic).
 */
export function chargeableBytes(rows: readonly UsageRow[]): number {
  return rows
    .filter((row) => row.channel === 'gateway' || row.channel === 'webhook')
    .reduce((sum, row) => sum + row.bytes, 0);
}
