import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';

/** For a failure message: the state of every stored request. */
function describeRequests(dataDir: string): string {
  const db = new Database(join(dataDir, 'head-end.sqlite'), { readonly: true });
  try {
    return JSON.stringify({
      requests: db.prepare('SELECT request_id, state, deadline, created_at FROM requests').all(),
      inbox: db.prepare('SELECT cursor, request_id, code, received_at FROM inbox').all(),
    });
  } finally {
    db.close();
  }
}
import { fleetClient, startServe, stopped } from '../support/serve-process.js';

/**
 * Durable state: kill the harness with SIGKILL mid-flight and start it again on the same data
 * folder. Nothing acknowledged is lost: every I99 ends in an inbox item (the device's I0, or E21
 * if its answer died with the process), inbox items keep their cursors, and counters never go back.
 */
describe('SIGKILL and restart (durable head-end state)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'smetsim-kill-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('loses no acknowledged request and no inbox item', async () => {
    const args = ['--data-dir', dataDir, '--premises', '1', '--seed', 'kill-test', '--response-timeout-ms', '1500'];
    const first = await startServe(args);
    const supplier = fleetClient(first.fleet, 'supplier');
    const esme = first.fleet.premises[0]!.devices.ESME as never;

    const acknowledged: string[] = [];
    for (let i = 0; i < 3; i++) {
      const requestId = supplier.nextRequestId(esme);
      const reply = await supplier.submit({
        requestId,
        role: 'IS',
        serviceReferenceVariant: '4.1.1',
        commandVariant: 1,
      });
      expect(reply.json).toMatchObject({ code: 'I99' });
      acknowledged.push(requestId);
    }
    for (const id of acknowledged) await supplier.waitFor((item) => item.requestId === id);
    const before = await supplier.inbox('0');
    expect(before.items.length).toBeGreaterThanOrEqual(3);

    // Two more, acknowledged, then the process dies without a chance to finish anything.
    const inFlight: string[] = [];
    for (let i = 0; i < 2; i++) {
      const requestId = supplier.nextRequestId(esme);
      expect(
        (await supplier.submit({ requestId, role: 'IS', serviceReferenceVariant: '4.18', commandVariant: 1 })).json,
      ).toMatchObject({ code: 'I99' });
      inFlight.push(requestId);
    }
    const lastCounter = inFlight[inFlight.length - 1]!.split(':')[2]!;
    first.child.kill('SIGKILL');
    await stopped(first.child);

    const second = await startServe(args);
    try {
      const again = fleetClient(second.fleet, 'supplier');
      const after = await again.inbox('0');
      // Every item seen before the kill is still there, with the same cursor and content.
      for (const item of before.items) expect(after.items).toContainEqual(item);
      // Every acknowledged request ends in an answer: I0 if the device's reply got through, E21 if it died with the process.
      for (const id of inFlight) {
        const item = await again
          .waitFor((i) => i.requestId === id, 10_000)
          .catch((error: Error) => {
            throw new Error(`${error.message}; requests: ${describeRequests(dataDir)}`);
          });
        expect(['I0', 'E21']).toContain(item.code);
      }
      // Counters never go backwards: the last acknowledged counter cannot be used again.
      const reused = await again.submit({
        requestId: [again.eui, esme, lastCounter].join(':'),
        role: 'IS',
        serviceReferenceVariant: '4.1.1',
        commandVariant: 1,
      });
      expect(reused).toMatchObject({ status: 409, json: { code: 'COUNTER_NOT_FRESH' } });
      // And the harness works as before.
      const fresh = again.nextRequestId(esme);
      expect(
        (await again.submit({ requestId: fresh, role: 'IS', serviceReferenceVariant: '4.1.1', commandVariant: 1 }))
          .json,
      ).toMatchObject({ code: 'I99' });
      expect(await again.waitFor((i) => i.requestId === fresh)).toMatchObject({ code: 'I0' });
    } finally {
      second.child.kill('SIGTERM');
      await stopped(second.child);
    }
  }, 60_000);
});
