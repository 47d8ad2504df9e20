import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Issue 19 part 5: examples/supplier-suite.test.mjs against the packed tarball. `npm pack` makes
 * what the registry would get; it is unpacked as node_modules/smetsim of a fresh folder, and the
 * example imports it by name, so package.json's `exports` and `files` are what is tested. The
 * tarball's own dependencies are linked from this checkout's node_modules rather than fetched:
 * CI has no registry to install from, and they are the same locked versions.
 */
describe('smetsim as a library, from its packed tarball', () => {
  const work = mkdtempSync(join(tmpdir(), 'smetsim-packed-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('passes the example supplier suite with node --test', () => {
    // --ignore-scripts: the build has run (test:external builds first); prepare would build again.
    const packed = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], {
        cwd: root,
        encoding: 'utf8',
      }),
    ) as { filename: string; files: { path: string }[] }[];
    const files = packed[0]!.files.map((f) => f.path);
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/index.d.ts');
    expect(files.some((f) => f.startsWith('dist/test/'))).toBe(false);

    const installed = join(work, 'suite', 'node_modules', 'smetsim');
    mkdirSync(installed, { recursive: true });
    execFileSync('tar', ['-xzf', join(work, packed[0]!.filename), '-C', installed, '--strip-components=1']);
    symlinkSync(join(root, 'node_modules'), join(installed, 'node_modules'), 'dir');
    writeFileSync(join(work, 'suite', 'package.json'), JSON.stringify({ name: 'supplier-suite', type: 'module' }));
    cpSync(join(root, 'examples'), join(work, 'suite', 'test'), { recursive: true });
    expect(readdirSync(join(work, 'suite', 'test'))).toContain('supplier-suite.test.mjs');

    const run = spawnSync(process.execPath, ['--test', 'test/'], { cwd: join(work, 'suite'), encoding: 'utf8' });
    expect(run.stdout).toMatch(/# pass 3/);
    expect(run.stdout).toMatch(/# fail 0/);
    expect(run.status).toBe(0);
  });

  it('refuses a deep import: only the entry point is the library', () => {
    const run = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', "await import('smetsim/dist/world/dcc-world.js')"],
      { cwd: join(work, 'suite'), encoding: 'utf8' },
    );
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/ERR_PACKAGE_PATH_NOT_EXPORTED/);
  });
});
