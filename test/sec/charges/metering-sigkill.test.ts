import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { fleetClient, startServe, stopped } from '../../support/serve-process.js';

/** The supplier's metered usage as the database file holds it, read with no process of ours in between. */
function usageOnDisk(dataDir: string, party: string) {
  const db = new Database(join(dataDir, 'head-end.sqlite'), { readonly: true });
  try {
    return {
      gateway: db
        .prepare(
          "SELECT sr, variant, direction, SUM(messages) AS messages, SUM(bytes) AS bytes FROM charges_usage WHERE party = ? AND channel = 'gateway' GROUP BY sr, variant, direction ORDER BY sr, direction",
        )
        .all(party) as { sr: string; variant: number; direction: string; messages: number; bytes: number }[],
      inbox: (db.prepare('SELECT COUNT(*) AS n FROM inbox WHERE party = ?').get(party) as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

/**
 * Issue 16 part 1: metering survives SIGKILL with no count lost. Every call whose answer the
 * party received is on disk, because the meter's group commit happens before the answer is sent
 * (call-log.ts meterCalls, usage-meter.ts); the process is killed straight after the last answer.
 */
describe('usage metering survives SIGKILL and restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'smetsim-metering-kill-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('counts every answered call, and goes on counting after the restart', async () => {
    const args = ['--data-dir', dataDir, '--premises', '1', '--seed', 'metering-kill'];
    const first = await startServe(args);
    const supplier = fleetClient(first.fleet, 'supplier');
    const esme = first.fleet.premises[0]!.devices.ESME as never;
    const requestId = supplier.nextRequestId(esme);
    const body = { requestId, role: 'IS', serviceReferenceVariant: '4.1.1', commandVariant: 1 };
    expect((await supplier.submit(body)).json).toMatchObject({ code: 'I99' });
    await supplier.waitFor((item) => item.requestId === requestId);
    for (let i = 0; i < 5; i++) expect((await supplier.call('GET', '/v1/charges/invoices')).status).toBe(200);
    first.child.kill('SIGKILL');
    await stopped(first.child);

    const killed = usageOnDisk(dataDir, supplier.eui);
    const submit = killed.gateway.filter((row) => row.sr === '4.1.1' && row.variant === 1);
    expect(submit.map((row) => [row.direction, row.messages])).toEqual([
      ['in', 1],
      ['out', 1],
    ]);
    expect(submit[0]!.bytes).toBe(Buffer.byteLength(JSON.stringify(body)));
    // The 5 invoice reads and the inbox polls of waitFor: at least 6 calls with no SR, in and out alike.
    const plain = killed.gateway.filter((row) => row.sr === '');
    expect(plain.find((row) => row.direction === 'in')!.messages).toBeGreaterThanOrEqual(6);
    expect(plain.find((row) => row.direction === 'in')!.messages).toBe(
      plain.find((row) => row.direction === 'out')!.messages,
    );
    expect(killed.inbox).toBeGreaterThanOrEqual(1);

    const second = await startServe(args);
    try {
      const again = fleetClient(second.fleet, 'supplier');
      const day = new Date().toISOString().slice(0, 10);
      const read = await again.call<{ usage: { channel: string; sr: string; direction: string; messages: number }[] }>(
        'GET',
        `/v1/charges/usage?from=${day}&to=${day}`,
      );
      expect(read.status).toBe(200);
      const before = plain.find((row) => row.direction === 'in')!.messages;
      // Nothing lost across the kill: the answer shows every call counted before it.
      const inNow = read.json.usage.filter((u) => u.channel === 'gateway' && u.sr === '' && u.direction === 'in');
      expect(inNow.reduce((s, u) => s + u.messages, 0)).toBe(before);
      expect(read.json.usage.some((u) => u.channel === 'inbox' && u.sr === '4.1.1')).toBe(true);
      expect(read.json.usage.some((u) => u.channel === 'gbcs' && u.sr === '4.1.1')).toBe(true);
    } finally {
      second.child.kill('SIGTERM');
      await stopped(second.child);
    }
    // And the read itself was counted, on disk.
    const after = usageOnDisk(dataDir, supplier.eui).gateway.filter((row) => row.sr === '' && row.direction === 'in');
    expect(after[0]!.messages).toBe(plain.find((row) => row.direction === 'in')!.messages + 1);
  }, 60_000);
});
