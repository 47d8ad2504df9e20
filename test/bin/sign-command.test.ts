import { createPrivateKey, createPublicKey, randomBytes, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const KEY = 'reference/test-pki/90b3d51f30010000-ds.key';

/** Issue 19 part 4: `smetsim sign --pre-command` prints the r||s signature variant 5 sends. */
describe('smetsim sign --pre-command', () => {
  const dir = mkdtempSync(join(tmpdir(), 'smetsim-sign-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const preCommand = randomBytes(120);
  const publicKey = createPublicKey(createPrivateKey(readFileSync(KEY, 'utf8')));
  const verifies = (signature: string) =>
    verify('sha256', preCommand, { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64'));

  it.each([
    ['the base64 itself', () => preCommand.toString('base64')],
    [
      'a file of base64',
      () => (writeFileSync(join(dir, 'pre.b64'), preCommand.toString('base64') + '\n'), join(dir, 'pre.b64')),
    ],
    ['a file of raw bytes', () => (writeFileSync(join(dir, 'pre.bin'), preCommand), join(dir, 'pre.bin'))],
  ])('signs %s: 64 bytes r||s that verify over the bytes', async (_what, given) => {
    const run = await runCli(['sign', '--key', KEY, '--pre-command', given()]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const signature = run.stdout.trim();
    expect(Buffer.from(signature, 'base64')).toHaveLength(64);
    expect(verifies(signature)).toBe(true);
  });

  it('refuses what is neither a file nor base64 (exit 2), and a call without --path', async () => {
    const bad = await runCli(['sign', '--key', KEY, '--pre-command', 'not base64!']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--pre-command is neither a file nor base64/);
    const noPath = await runCli(['sign', '--key', KEY, '--party', '90-B3-D5-1F-30-01-00-00']);
    expect(noPath.code).toBe(2);
    expect(noPath.stderr).toMatch(/--path is required/);
  });
});
