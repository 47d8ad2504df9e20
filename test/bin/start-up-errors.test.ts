import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

/**
 * Issue 17 #8: `serve` and `broker` printed a start-up error and then never exited. Each bad
 * start option now ends the process with one line naming the option. These are real processes;
 * the spawn's timeout is generous (15 s, against a budget of 2 s on an idle machine) so that a
 * loaded CI machine does not fail them, while a hang still does.
 */
const PROMPTLY = 15_000;

describe('serve and broker exit at once on a bad start option', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'smetsim-start-up-'));
  let taken: Server;
  let takenPort: number;
  let closedPort: number;
  beforeAll(async () => {
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    takenPort = (taken.address() as AddressInfo).port;
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
  });
  afterAll(() => {
    taken.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const serve = (...args: string[]) =>
    runCli(['serve', '--data-dir', dataDir, '--http-port', '0', '--mqtt-port', '0', ...args], PROMPTLY);

  it.each([
    [['--http-port', 'notaport'], /^smetsim serve: --http-port must be an integer from 0 to 65535$/],
    [['--mqtt-port', '99999'], /^smetsim serve: --mqtt-port must be an integer from 0 to 65535$/],
    [['--premises', 'abc'], /^smetsim serve: --premises must be an integer from 1 to \d+$/],
    [['--premises', '0'], /^smetsim serve: --premises must be an integer from 1 to \d+$/],
    [['--response-timeout', '5x'], /^smetsim serve: --response-timeout "5x" is not a duration/],
    [['--broker', 'localhost:1883'], /^smetsim serve: --broker "localhost:1883" must be a mqtt or mqtts/],
  ])('serve %j: exit 2 and one line naming the option', async (args, line) => {
    const result = await serve(...args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr.trimEnd()).toMatch(line);
  });

  it.each([
    [['--port', '99999'], /^smetsim broker: --port must be an integer from 0 to 65535$/],
    [['--port', 'abc'], /^smetsim broker: --port must be an integer from 0 to 65535$/],
  ])('broker %j: exit 2 and one line naming the option', async (args, line) => {
    const result = await runCli(['broker', ...args], PROMPTLY);
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr.trimEnd()).toMatch(line);
  });

  it('serve with its gateway port in use: exit 1, naming --http-port (the broker it had started does not hold it open)', async () => {
    const result = await runCli(
      ['serve', '--data-dir', dataDir, '--mqtt-port', '0', '--http-port', String(takenPort)],
      PROMPTLY,
    );
    expect(result.code).toBe(1);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(
      `smetsim serve: --http-port ${takenPort}: 127.0.0.1:${takenPort} is already in use`,
    );
  });

  it('serve with its broker port in use: exit 1, naming --mqtt-port', async () => {
    const result = await runCli(
      ['serve', '--data-dir', dataDir, '--http-port', '0', '--mqtt-port', String(takenPort)],
      PROMPTLY,
    );
    expect(result.code).toBe(1);
    expect(result.stderr.trimEnd()).toBe(
      `smetsim serve: --mqtt-port ${takenPort}: 127.0.0.1:${takenPort} is already in use (choose another port, or 0 for a free one)`,
    );
  });

  it('serve on an address this machine has not: exit 1, naming --host', async () => {
    const result = await serve('--host', '192.0.2.1'); // TEST-NET-1 (RFC 5737): never local
    expect(result.code).toBe(1);
    expect(result.stderr.trimEnd()).toBe('smetsim serve: --host 192.0.2.1: not an address of this machine');
  });

  it('serve with a broker that is not there: exit 1, naming --broker', async () => {
    const result = await serve('--broker', `mqtt://127.0.0.1:${closedPort}`);
    expect(result.code).toBe(1);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^smetsim serve: --broker: /);
  });

  it('broker with its port in use: exit 1, naming --port', async () => {
    const result = await runCli(['broker', '--port', String(takenPort)], PROMPTLY);
    expect(result.code).toBe(1);
    expect(result.stderr.trimEnd()).toBe(
      `smetsim broker: --port ${takenPort}: 127.0.0.1:${takenPort} is already in use (choose another port, or 0 for a free one)`,
    );
  });
});
