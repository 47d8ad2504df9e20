import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import ts from 'typescript';

/** Repository-relative path (posix) → the repository files it imports. */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

const SKIP = new Set(['node_modules', 'dist', 'test', '.git']);

function sourceFiles(root: string, dir = root): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(root, path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
      out.push(relative(root, path).split(sep).join('/'));
  }
  return out;
}

/**
 * Every relative import (static, `export ... from`, dynamic `import()`, type-only) of every .ts
 * source file outside test/. TypeScript's own pre-processor finds them, so a multi-line import
 * or a comment cannot hide one. `./x.js` resolves to `./x.ts` (NodeNext ESM).
 */
export function importGraph(root: string): ImportGraph {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(root)) {
    const info = ts.preProcessFile(readFileSync(join(root, file), 'utf8'), true, true);
    const targets = info.importedFiles
      .map((f) => f.fileName)
      .filter((name) => name.startsWith('.'))
      .map((name) => posix.normalize(posix.join(posix.dirname(file), name)).replace(/\.js$/, '.ts'));
    graph.set(file, targets);
  }
  return graph;
}

export const DEVICE_FOLDERS = ['device-core', 'meter-core', 'meter-esme', 'meter-gsme', 'ihd', 'hub'] as const;
export const HEAD_END_FOLDER = 'dcc-head-end';
export const PROTOCOL_FOLDER = 'protocol';

export function folderOf(path: string): string {
  return path.split('/')[0] ?? path;
}

const isDevice = (path: string) => (DEVICE_FOLDERS as readonly string[]).includes(folderOf(path));
const isHeadEnd = (path: string) => folderOf(path) === HEAD_END_FOLDER;

/** Files outside protocol/ that a device folder and the head-end both import directly. */
export function sharedOutsideProtocol(graph: ImportGraph): string[] {
  const byDevices = new Set<string>();
  const byHeadEnd = new Set<string>();
  for (const [file, targets] of graph) {
    for (const target of targets) {
      if (isDevice(file)) byDevices.add(target);
      if (isHeadEnd(file)) byHeadEnd.add(target);
    }
  }
  return [...byDevices].filter((t) => byHeadEnd.has(t) && folderOf(t) !== PROTOCOL_FOLDER).sort();
}

/** Imports from protocol/ that leave protocol/. */
export function protocolLeaks(graph: ImportGraph): string[] {
  const out: string[] = [];
  for (const [file, targets] of graph) {
    if (folderOf(file) !== PROTOCOL_FOLDER) continue;
    for (const target of targets) if (folderOf(target) !== PROTOCOL_FOLDER) out.push(`${file} → ${target}`);
  }
  return out.sort();
}

/** Files of `from` that reach a file of `to` by any chain of imports, each with its chain. */
export function reaches(graph: ImportGraph, from: (p: string) => boolean, to: (p: string) => boolean): string[] {
  const out: string[] = [];
  for (const start of graph.keys()) {
    if (!from(start)) continue;
    const seen = new Map<string, string>([[start, start]]);
    const queue = [start];
    while (queue.length > 0) {
      const file = queue.shift()!;
      for (const next of graph.get(file) ?? []) {
        if (seen.has(next)) continue;
        const chain = `${seen.get(file)!} → ${next}`;
        if (to(next)) {
          out.push(chain);
          queue.length = 0;
          break;
        }
        seen.set(next, chain);
        queue.push(next);
      }
    }
  }
  return out.sort();
}

/**
 * Device folders import only protocol/, device-core/ (what every device shares) and themselves;
 * the two meters also meter-core/ (what the ESME and the GSME share). A hub never reaches into a
 * meter, a meter never into the hub, and the shared folders into no device.
 */
export function crossDeviceImports(graph: ImportGraph): string[] {
  const out: string[] = [];
  for (const [file, targets] of graph) {
    if (!isDevice(file)) continue;
    for (const target of targets) {
      const folder = folderOf(target);
      const own = folderOf(file);
      const meterCore = folder === 'meter-core' && (own === 'meter-esme' || own === 'meter-gsme');
      if (folder !== PROTOCOL_FOLDER && folder !== 'device-core' && folder !== own && !meterCore)
        out.push(`${file} → ${target}`);
    }
  }
  return out.sort();
}

export const devicesReachHeadEnd = (graph: ImportGraph) => reaches(graph, isDevice, isHeadEnd);
export const headEndReachesDevices = (graph: ImportGraph) => reaches(graph, isHeadEnd, isDevice);
