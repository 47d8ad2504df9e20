import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { BUILTIN_PROFILES } from '../../soak/profile.js';
import { buildProgram } from '../../bin/program.js';
import { runCli } from '../support/cli.js';

/** Every command path: `serve`, `admin`, `admin parties`, ... (commander's own `help` aside). */
function commandPaths(command: Command, prefix: readonly string[] = []): string[][] {
  return command.commands
    .filter((sub) => sub.name() !== 'help')
    .flatMap((sub) => [[...prefix, sub.name()], ...commandPaths(sub, [...prefix, sub.name()])]);
}

const PATHS = commandPaths(buildProgram());

describe('--help (issue 19 #7: every subcommand shows an example)', () => {
  it('covers every command, nested ones included', () => {
    expect(PATHS.map((p) => p.join(' '))).toEqual(
      expect.arrayContaining(['run', 'serve', 'soak', 'broker', 'admin', 'admin parties', 'admin consent', 'utrn']),
    );
  });

  it.each(PATHS.map((path) => [path.join(' '), path]))(
    'smetsim %s --help has an Examples section that runs it',
    async (_name, path) => {
      const result = await runCli([...path, '--help']);
      expect(result.code).toBe(0);
      const examples = result.stdout.split('\nExamples:\n')[1];
      expect(examples, 'an Examples section').toBeDefined();
      const lines = examples!.split('\n').filter((line) => line.startsWith('  '));
      expect(lines.some((line) => line.includes(`smetsim ${path.join(' ')}`))).toBe(true);
    },
  );

  it('lists the exit codes at the top level', async () => {
    const result = await runCli(['--help']);
    expect(result.stdout).toMatch(/Exit codes: 0 done, 1 the run failed .*, 2 a usage error/);
  });

  it("names soak's built-in profiles as the runner has them", async () => {
    const result = await runCli(['soak', '--help']);
    expect(result.stdout.replace(/\s+/g, ' ')).toContain(`a built-in profile (${BUILTIN_PROFILES.join(', ')})`);
  });
});

describe('exit code 2 for every usage error, with one line', () => {
  it.each([
    [['nonsense'], /^smetsim: unknown command 'nonsense'/],
    [[], /^Usage: smetsim/],
    [['admin'], /^Usage: smetsim admin/],
    [['run', '--colour'], /^smetsim run: unknown option '--colour'/],
    [['run', '--clock', 'sundial'], /^smetsim run: option '--clock <clock>' argument 'sundial' is invalid/],
    [['run', '/nonexistent-folder'], /^smetsim run: \/nonexistent-folder: no such file or folder$/],
    [['demo', '--broker', 'nowhere'], /^smetsim demo: --broker "nowhere" is not a URL/],
    [['serve', '--smwan-secret', 'short'], /^smetsim serve: --smwan-secret must be at least 16 characters$/],
    [['soak', '--workers', 'many'], /^smetsim soak: --workers must be an integer from 1 to 64$/],
    [['soak', '--grace', '2 minutes'], /^smetsim soak: --grace "2 minutes" is not a duration/],
    [['soak', '--progress', 'loud'], /^smetsim soak: option '--progress <mode>' argument 'loud' is invalid/],
    [['soak', '--metrics-port', '70000'], /^smetsim soak: --metrics-port must be an integer from 0 to 65535$/],
    [['sign', '--party', 'ABC', '--key', 'k', '--path', '/'], /^smetsim sign: --party "ABC" is not an EUI-64/],
    [['sign', '--party', '90-B3-D5-1F-30-01-00-00', '--key', '/nonexistent.key', '--path', '/'], /--key: cannot read/],
    [['utrn', '--value', '1'], /^smetsim utrn: required option '--originator <eui>' not specified/],
    [['admin', '--url', 'ftp://x', 'parties'], /^smetsim admin: --url "ftp:\/\/x" must be a http or https URL$/],
    [['admin', 'register', '1900000000013', 'landlord', '90-B3-D5-1F-30-01-00-00'], /argument 'role'/],
    [
      ['admin', 'call', 'POST', '/v1/admin/devices', '{not json'],
      /^smetsim admin: the json argument is not valid JSON$/,
    ],
  ])('smetsim %j', async (args, line) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    const stderr = result.stderr.trimEnd();
    expect(stderr).toMatch(line);
    if (!stderr.startsWith('Usage:')) expect(stderr.split('\n')).toHaveLength(1);
  });

  it('exit 0 for --help and --version', async () => {
    expect((await runCli(['--version'])).code).toBe(0);
    expect((await runCli(['serve', '--help'])).code).toBe(0);
  });
});
