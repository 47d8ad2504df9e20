import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMETSIM_BIN } from '../support/cli.js';
import { startServe, stopped } from '../support/serve-process.js';

const run = promisify(execFile);

/** The examples in docs/api.md, run as written against a live `smetsim serve`: docs that do not work fail the build. */
function example(name: string): string {
  const doc = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
  const match = new RegExp(`<!-- example:${name} -->\\n\`\`\`\\w+\\n([\\s\\S]*?)\`\`\``).exec(doc);
  if (!match) throw new Error(`docs/api.md has no example:${name} block`);
  return match[1]!;
}

describe('docs/api.md examples', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'smetsim-docs-'));
  let served: Awaited<ReturnType<typeof startServe>>;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    served = await startServe(['--data-dir', dataDir, '--seed', 'docs']);
    env = {
      ...process.env,
      GATEWAY: served.ready.gatewayUrl,
      DATA: dataDir,
      SMETSIM: `${process.execPath} ${SMETSIM_BIN}`,
    };
  });
  afterAll(async () => {
    served.child.kill('SIGTERM');
    await stopped(served.child);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the curl example submits a read (I99) and finds its I0 in the inbox', async () => {
    const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', example('curl')], { env, timeout: 30_000 });
    const [submitted, inbox] = stdout.trim().split('\n');
    expect(JSON.parse(submitted!)).toMatchObject({ code: 'I99' });
    const items = (JSON.parse(inbox!) as { items: { code: string; serviceReferenceVariant: string }[] }).items;
    expect(items.some((i) => i.code === 'I0' && i.serviceReferenceVariant === '4.1.1')).toBe(true);
  });

  it('the Node example signs with the standard library alone and gets its answer', async () => {
    const script = join(dataDir, 'sign-and-send.mjs');
    writeFileSync(script, example('node'));
    const { stdout } = await run(process.execPath, [script], { env, timeout: 30_000 });
    expect(stdout).toContain("code: 'I99'");
    expect(stdout).toMatch(/"code":"I0"/);
  });

  it('the critical curl example does 4 → smetsim sign --pre-command → 5, and the meter disables its supply', async () => {
    const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', example('critical-curl')], {
      env,
      timeout: 30_000,
    });
    const [signed, answer] = stdout.trim().split('\n');
    expect(JSON.parse(signed!)).toMatchObject({ code: 'I99' });
    expect(JSON.parse(answer!)).toMatchObject({
      code: 'I0',
      serviceReferenceVariant: '7.2',
      body: { deviceStatus: 'OK', supply: 'Disabled' },
    });
  });
});
