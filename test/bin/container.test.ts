import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildProgram } from '../../bin/program.js';
import { SmwanCredentials } from '../../smwan/credentials.js';
import { writeMosquittoConfig } from '../../smwan/mosquitto-config.js';

/**
 * No Docker engine runs here and hadolint installs from neither Debian nor npm (the npm package
 * `hadolint` downloads a binary at first run), so the image cannot be built or linted in CI. This
 * checks the Dockerfile's and compose.yaml's key properties statically instead (issue 19 #8).
 */
const root = new URL('../../', import.meta.url);
const text = (path: string) => readFileSync(new URL(path, root), 'utf8');

interface Instruction {
  readonly op: string;
  readonly args: string;
}

/** Dockerfile instructions, continuation lines joined, comments dropped. */
function instructions(source: string): Instruction[] {
  return source
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [op = '', ...rest] = line.split(/\s+/);
      return { op: op.toUpperCase(), args: rest.join(' ') };
    });
}

/** The instructions of each stage, FROM first. */
function stages(all: readonly Instruction[]): Instruction[][] {
  const out: Instruction[][] = [];
  for (const instruction of all) {
    if (instruction.op === 'FROM') out.push([]);
    out.at(-1)?.push(instruction);
  }
  return out;
}

describe('Dockerfile', () => {
  const all = instructions(text('Dockerfile'));
  const [build, runtime, ...more] = stages(all);

  it('is two stages on node:20-bookworm-slim: a build, and a runtime from it', () => {
    expect(more).toEqual([]);
    expect(build?.[0]?.args).toBe('node:20-bookworm-slim AS build');
    expect(runtime?.[0]?.args).toMatch(/^node:20-bookworm-slim( AS \w+)?$/);
    expect(runtime?.some((i) => i.op === 'COPY' && i.args.startsWith('--from=build '))).toBe(true);
  });

  it('installs with npm ci and builds in the build stage, and keeps production dependencies only', () => {
    const runs = build!.filter((i) => i.op === 'RUN').map((i) => i.args);
    expect(runs.some((r) => /\bnpm ci\b/.test(r))).toBe(true);
    expect(runs.some((r) => /\bnpm run build\b/.test(r))).toBe(true);
    expect(runs.some((r) => /\bnpm prune --omit=dev\b/.test(r))).toBe(true);
    // The runtime installs nothing itself: no npm, no compiler.
    expect(runtime!.filter((i) => i.op === 'RUN').some((i) => /\bnpm (ci|install)\b|apt-get/.test(i.args))).toBe(false);
  });

  it('runs as a non-root user, set before the command', () => {
    const users = runtime!.filter((i) => i.op === 'USER').map((i) => i.args);
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
    const lastUser = runtime!.map((i) => i.op).lastIndexOf('USER');
    expect(lastUser).toBeLessThan(runtime!.findIndex((i) => i.op === 'CMD'));
  });

  it('runs smetsim serve by default, listening on every interface', () => {
    expect(runtime!.find((i) => i.op === 'ENTRYPOINT')?.args).toBe('["smetsim"]');
    expect(runtime!.find((i) => i.op === 'CMD')?.args).toBe('["serve"]');
    expect(runtime!.find((i) => i.op === 'ENV')?.args).toContain('SMETSIM_HOST=0.0.0.0');
  });

  it("exposes serve's default HTTP and MQTT ports", () => {
    const serve = buildProgram().commands.find((c) => c.name() === 'serve')!;
    const defaults = ['--http-port', '--mqtt-port'].map(
      (flag) => serve.options.find((o) => o.long === flag)?.defaultValue as number,
    );
    expect(
      runtime!
        .find((i) => i.op === 'EXPOSE')
        ?.args.split(' ')
        .map(Number),
    ).toEqual(defaults);
  });

  it("checks its health on serve's /healthz, at the default HTTP port", () => {
    const routes = text('dcc-head-end/gateway/metrics.ts');
    expect(routes).toMatch(/['"]\/healthz['"]/);
    const healthcheck = runtime!.find((i) => i.op === 'HEALTHCHECK');
    expect(healthcheck?.args).toMatch(/http:\/\/127\.0\.0\.1:8080\/healthz/);
    expect(healthcheck?.args).toMatch(/CMD node -e/); // no curl in the slim image
  });

  it('leaves installed and built trees out of the build context', () => {
    const ignored = text('.dockerignore').split('\n');
    for (const entry of ['node_modules', 'dist', '.git']) expect(ignored).toContain(entry);
  });
});

describe('compose.yaml', () => {
  const compose = parse(text('compose.yaml')) as {
    services: Record<string, { image?: string; command?: string[]; entrypoint?: string[]; volumes?: string[] }>;
  };

  it('runs the harness against the mosquitto service', () => {
    const harness = compose.services.harness!;
    expect(harness.command?.slice(0, 3)).toEqual(['serve', '--broker', 'mqtt://mosquitto:1883']);
    expect(compose.services.mosquitto?.image).toMatch(/^eclipse-mosquitto:2/);
  });

  it('gives mosquitto the derived passwords, made by the same image before it starts', () => {
    expect(compose.services.credentials?.command?.[0]).toBe('mosquitto-passwords');
    expect(compose.services.mosquitto?.volumes).toContain('./docker/mosquitto:/smetsim:ro');
    const start = text('docker/mosquitto/start.sh');
    expect(start).toContain('mosquitto_passwd -U /mosquitto/data/passwords');
    expect(start).toContain('exec mosquitto -c /smetsim/mosquitto.conf');
    const conf = text('docker/mosquitto/mosquitto.conf');
    for (const line of [
      'allow_anonymous false',
      'password_file /mosquitto/data/passwords',
      'acl_file /mosquitto/data/acl',
      'use_username_as_clientid true',
    ])
      expect(conf.split('\n')).toContain(line);
  });

  it('applies the same topic rights as the mosquitto configuration the tests use', () => {
    const dir = mkdtempSync(join(tmpdir(), 'smetsim-acl-'));
    try {
      const written = writeMosquittoConfig({
        dir,
        port: 1883,
        hubs: [],
        credentials: new SmwanCredentials('any-secret-of-16-chars'),
      });
      expect(text('docker/mosquitto/acl')).toBe(readFileSync(written.acl, 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
