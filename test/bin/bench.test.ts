import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SMETSIM_BIN } from '../support/cli.js';

/** Keeps `npm run bench` working: the quick variant must print every figure with its ratio. */
describe('npm run bench --quick', () => {
  it('prints crypto, frame and broker figures, each with a same-run baseline and a ratio', async () => {
    const script = join(SMETSIM_BIN, '..', '..', 'bench', 'run-all.js');
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['--expose-gc', script, '--quick'], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`bench exited ${code}:\n${out}`))));
    });
    for (const figure of [
      'sign (node/OpenSSL)',
      'verify (node/OpenSSL)',
      'ecdh (node/OpenSSL)',
      'encode frame',
      'strict decode frame',
      'GBCS decode ECS17b response',
      'GBCS decode+verify (MAC) vs raw',
      'GBCS encode+MAC vs raw',
      'aedes QoS 1, 50 clients',
      'per premises at rest, 100 premises',
      'incl. its MQTT connection, 300 premises',
      'end-to-end SR 4.1.1',
      'alert storm',
      'built-in scenarios',
    ]) {
      const line = output.split('\n').find((l) => l.includes(figure));
      expect(line, figure).toBeDefined();
      expect(line, `${figure} has its same-run baseline and a ratio`).toMatch(/ vs .+ ratio (-?\d+\.\d+|met)$/);
    }
  }, 120_000);
});
