import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Asset {
  readonly type: string;
  readonly body: Buffer;
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * dashboard/public holds the browser code as it is served: no build step, so the same files are
 * found from the source tree (dashboard/static-assets.ts) and from the build
 * (dist/dashboard/static-assets.js, two levels further down; package.json `files` ships the folder).
 */
export function publicDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [join(here, 'public'), join(here, '..', '..', 'dashboard', 'public')])
    if (existsSync(join(candidate, 'index.html'))) return candidate;
  throw new Error(`dashboard assets not found beside ${here}: is dashboard/public in the package?`);
}

/** The three vendor modules the browser imports (the page's import map names them), from node_modules. */
function vendorFiles(): Readonly<Record<string, string>> {
  const require = createRequire(import.meta.url);
  const preact = dirname(require.resolve('preact/package.json'));
  // htm exports no package.json; its CommonJS entry sits beside the ES module in dist/.
  const htm = dirname(require.resolve('htm'));
  return {
    'preact.mjs': join(preact, 'dist', 'preact.mjs'),
    'hooks.mjs': join(preact, 'hooks', 'dist', 'hooks.mjs'),
    'htm.mjs': join(htm, 'htm.mjs'),
  };
}

/**
 * Every file the dashboard serves, read once at start: /ui/<name> from dashboard/public and
 * /ui/vendor/<name> from the vendor modules. Nothing else on disk is reachable through these routes.
 */
export function loadAssets(): ReadonlyMap<string, Asset> {
  const assets = new Map<string, Asset>();
  const add = (path: string, file: string) => {
    const ext = /\.[a-z]+$/.exec(file)?.[0] ?? '';
    const type = TYPES[ext];
    if (type) assets.set(path, { type, body: readFileSync(file) });
  };
  const dir = publicDir();
  for (const name of readdirSync(dir)) add(name, join(dir, name));
  for (const [name, file] of Object.entries(vendorFiles())) add(`vendor/${name}`, file);
  return assets;
}
