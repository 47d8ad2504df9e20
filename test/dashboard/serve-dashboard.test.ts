import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PremisesView } from '../../dashboard/api-types.js';
import { startServe, stopped } from '../support/serve-process.js';

/**
 * The dashboard as `smetsim serve` ships it: the built command (dist/) finds the browser modules
 * in dashboard/public and the vendor modules in node_modules, and the event stream ends when
 * serve stops, so that a watching page never holds the process open.
 */
describe('smetsim serve: the dashboard from the build', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'smetsim-serve-ui-'));
  let served: Awaited<ReturnType<typeof startServe>>;
  beforeAll(async () => {
    served = await startServe(['--data-dir', dataDir, '--premises', '2', '--seed', 'serve-ui']);
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves /ui, its modules and the fleet, and stops with a stream open', async () => {
    const url = served.ready.gatewayUrl;
    const page = await fetch(`${url}/ui/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script type="module" src="./app.js">');
    for (const path of ['/ui/app.js', '/ui/vendor/preact.mjs', '/ui/vendor/hooks.mjs', '/ui/vendor/htm.mjs'])
      expect((await fetch(`${url}${path}`)).status, path).toBe(200);
    const fleet = (await (await fetch(`${url}/ui/api/fleet`)).json()) as { premises: PremisesView[] };
    expect(fleet.premises.map((p) => p.mpan)).toEqual(served.fleet.premises.map((p) => p.mpan));

    const stream = await fetch(`${url}/ui/api/events`);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const reader = stream.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('retry:');
    served.child.kill('SIGTERM');
    await stopped(served.child);
    expect(served.child.exitCode).toBe(0);
    // The server ended the stream as it closed.
    let done = false;
    while (!done) done = (await reader.read()).done;
  });
});
