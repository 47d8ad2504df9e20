import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmwanCredentials } from '../../smwan/credentials.js';
import { writeMosquittoConfig } from '../../smwan/mosquitto-config.js';
import { premisesEui } from '../../world/premises.js';
import { loadOrCreateSmwanCa } from '../../world/smwan-tls-files.js';
import { runCli } from '../support/cli.js';

/**
 * The built-in scenario suite, and a short soak, against Debian's mosquitto through --broker (npm
 * run test:external; .ci/run installs mosquitto). The broker enforces the same per-hub
 * credentials and topic rights.
 */
const SECRET = 'mosquitto-test-master-secret';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForPort(port: number, deadlineMs = 10_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`mosquitto did not listen on ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('built-in scenarios against mosquitto', () => {
  const dir = mkdtempSync(join(tmpdir(), 'smetsim-mosquitto-'));
  let broker: ChildProcess;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    const hubs = Array.from({ length: 10 }, (_, i) => premisesEui(i + 1, 'CHF'));
    const config = writeMosquittoConfig({ dir, port, hubs, credentials: new SmwanCredentials(SECRET) });
    execFileSync('mosquitto_passwd', ['-U', config.passwords]);
    broker = spawn('mosquitto', ['-c', config.conf], { stdio: 'ignore' });
    await waitForPort(port);
  });
  afterAll(() => {
    broker?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes every built-in scenario through --broker', async () => {
    const result = await runCli(['run', '--broker', `mqtt://127.0.0.1:${port}`, '--smwan-secret', SECRET], 120_000);
    expect(result.stdout).toMatch(/\n\d+ passed, 0 failed\n/);
    expect(result.code).toBe(0);
  }, 120_000);

  it('soaks 10 premises through --broker, with every message accounted for', async () => {
    const profile = fileURLToPath(new URL('../soak/busy-profile.yaml', import.meta.url));
    const report = join(dir, 'soak');
    const result = await runCli(
      [
        'soak',
        '--premises',
        '10',
        '--workers',
        '2',
        '--duration',
        '6s',
        '--profile',
        profile,
        '--grace',
        '12s',
        '--broker',
        `mqtt://127.0.0.1:${port}`,
        '--smwan-secret',
        SECRET,
        '--report',
        report,
      ],
      90_000,
    );
    expect(result.stdout).toContain('soak: PASS');
    expect(result.code).toBe(0);
    const json = JSON.parse(readFileSync(join(report, 'report.json'), 'utf8')) as {
      requests: { sent: number; lost: number };
      alerts: { lost: number; deliveredByCode: Record<string, number> };
    };
    expect(json.requests.sent).toBeGreaterThan(10);
    expect(json.requests.lost).toBe(0);
    // 3 of the 10 premises (25%, rounded up) lose power: their restores and N1 / N2 all arrive.
    expect(json.alerts).toMatchObject({ lost: 0, deliveredByCode: { '0x8F35': 6, N1: 6, N2: 6 } });
  }, 100_000);

  it('refuses a hub with the wrong password', async () => {
    const { MqttHubLink } = await import('../../smwan/mqtt-hub-link.js');
    const link = new MqttHubLink({ url: `mqtt://127.0.0.1:${port}`, hub: premisesEui(1, 'CHF'), secret: 'wrong' });
    await expect(link.open()).rejects.toMatchObject({ code: 'AUTH_FAILED' });
  });
});

describe('a soak through mosquitto on MQTT over TLS (issue 17)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'smetsim-mosquitto-tls-'));
  const tlsDir = join(dir, 'tls');
  let broker: ChildProcess;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    const hubs = Array.from({ length: 10 }, (_, i) => premisesEui(i + 1, 'CHF'));
    const { ca } = await loadOrCreateSmwanCa(tlsDir);
    const config = writeMosquittoConfig({
      dir: join(dir, 'mosquitto'),
      port,
      hubs,
      credentials: new SmwanCredentials(SECRET),
      tls: await ca.issueServer(['127.0.0.1']),
    });
    execFileSync('mosquitto_passwd', ['-U', config.passwords]);
    broker = spawn('mosquitto', ['-c', config.conf], { stdio: 'ignore' });
    await waitForPort(port);
  });
  afterAll(() => {
    broker?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  it('soaks 10 premises over mqtts with a certificate per hub, every message accounted for', async () => {
    const report = join(dir, 'soak');
    const result = await runCli(
      [
        'soak',
        '--premises',
        '10',
        '--workers',
        '2',
        '--duration',
        '6s',
        '--grace',
        '12s',
        '--broker',
        `mqtts://127.0.0.1:${port}`,
        '--tls',
        '--tls-dir',
        tlsDir,
        '--smwan-secret',
        SECRET,
        '--report',
        report,
      ],
      90_000,
    );
    expect(result.stdout).toContain('soak: PASS');
    const json = JSON.parse(readFileSync(join(report, 'report.json'), 'utf8')) as {
      requests: { sent: number; answered: number; lost: number };
    };
    expect(json.requests.sent).toBeGreaterThan(5);
    expect(json.requests).toMatchObject({ lost: 0, answered: json.requests.sent });
  }, 100_000);

  it('refuses a hub that has only its password', async () => {
    const { MqttHubLink } = await import('../../smwan/mqtt-hub-link.js');
    const hub = premisesEui(1, 'CHF');
    const link = new MqttHubLink({
      url: `mqtts://127.0.0.1:${port}`,
      hub,
      secret: new SmwanCredentials(SECRET).hubSecret(hub),
      connectTimeoutMs: 3_000,
    });
    await expect(link.open()).rejects.toMatchObject({ code: 'CONNECT_FAILED' });
  });
});
