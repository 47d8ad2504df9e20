import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

describe('smetsim demo (the main job until the scenario runner lands)', () => {
  it('runs the embedded broker and one hub end to end over TCP and passes every step', async () => {
    const result = await runCli(['demo']);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/mqtt:\/\/127\.0\.0\.1:\d+ \(embedded aedes\)/);
    expect(result.stdout).toContain('4 passed, 0 failed');
    expect(result.code).toBe(0);
  });

  it('explains itself with --help', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const command of ['demo', 'utrn', 'broker']) expect(result.stdout).toContain(command);
  });
});
