import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { fleetClient, startServe, stopped } from '../support/serve-process.js';

/**
 * compose.yaml's broker without Docker: the same steps on Debian's mosquitto. The password file
 * from `smetsim mosquitto-passwords`, hashed as docker/mosquitto/start.sh does, the ACL and the
 * configuration from docker/mosquitto (listener and paths rewritten for this machine), then
 * `serve --broker` with premises whose hubs must log in and answer a read through it.
 */
const SECRET = 'compose-test-secret';
const DOCKER = new URL('../../docker/mosquitto/', import.meta.url);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function listening(port: number, deadlineMs = 10_000): Promise<void> {
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

describe('the compose mosquitto configuration (docker/mosquitto) with serve --broker', () => {
  const dir = mkdtempSync(join(tmpdir(), 'smetsim-compose-'));
  let broker: ChildProcess;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    const passwords = join(dir, 'passwords');
    const made = await runCli(['mosquitto-passwords', '--premises', '2', '--out', passwords, '--smwan-secret', SECRET]);
    expect(made.code).toBe(0);
    execFileSync('mosquitto_passwd', ['-U', passwords]);
    copyFileSync(new URL('acl', DOCKER), join(dir, 'acl'));
    const conf = readFileSync(new URL('mosquitto.conf', DOCKER), 'utf8')
      .replace('listener 1883 0.0.0.0', `listener ${port} 127.0.0.1`)
      .replaceAll('/mosquitto/data/', `${dir}/`);
    // As root (CI is), mosquitto would drop to its own user and lose access to these files.
    writeFileSync(join(dir, 'mosquitto.conf'), `${conf}user root\n`);
    broker = spawn('mosquitto', ['-c', join(dir, 'mosquitto.conf')], { stdio: 'ignore' });
    await listening(port);
  });
  afterAll(() => {
    broker?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets the hubs in, and a read is answered through it', async () => {
    const served = await startServe([
      '--broker',
      `mqtt://127.0.0.1:${port}`,
      '--premises',
      '2',
      '--smwan-secret',
      SECRET,
      '--data-dir',
      join(dir, 'data'),
    ]);
    try {
      const supplier = fleetClient(served.fleet, 'supplier');
      const esme = served.fleet.premises[1]!.devices.ESME as never;
      const requestId = supplier.nextRequestId(esme);
      const reply = await supplier.submit({
        requestId,
        role: 'IS',
        serviceReferenceVariant: '4.1.1',
        commandVariant: 1,
      });
      expect(reply.json).toMatchObject({ code: 'I99' });
      const answer = await supplier.waitFor((item) => item.requestId === requestId);
      expect(answer.code).toBe('I0');
    } finally {
      served.child.kill('SIGTERM');
      await stopped(served.child);
    }
  });

  it("refuses clients whose credentials it was not given (the demo's hub, another secret)", async () => {
    const result = await runCli([
      'demo',
      '--broker',
      `mqtt://127.0.0.1:${port}`,
      '--smwan-secret',
      'not-the-compose-secret',
    ]);
    expect(result.code).toBe(1);
  });
});
