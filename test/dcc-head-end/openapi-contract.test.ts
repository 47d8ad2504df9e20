import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICE_REQUESTS } from '../../protocol/index.js';
import type { World } from '../../world/dcc-world.js';
import { testWorld } from '../support/world.js';

const run = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

type Operation = { operationId?: string; security?: unknown[] };
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: {
    securitySchemes: Record<string, unknown>;
    schemas: Record<string, { properties: Record<string, unknown> }>;
  };
  security: unknown[];
}

/** Issue 19 part 4: the OpenAPI document is complete, lints clean, and makes a usable client. */
describe('the OpenAPI contract (/openapi.json)', () => {
  let world: World;
  let doc: Document;
  const work = mkdtempSync(join(tmpdir(), 'smetsim-openapi-'));

  beforeAll(async () => {
    ({ world } = await testWorld({ seed: 'openapi', controlClock: true }));
    doc = (await world.gateway.inject({ method: 'GET', url: '/openapi.json' })).json<Document>();
    writeFileSync(join(work, 'openapi.json'), JSON.stringify(doc));
  });
  afterAll(async () => {
    await world.stop();
    rmSync(work, { recursive: true, force: true });
  });

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
    );

  it('describes only routes the gateway serves, admin and probes included, each with a unique operationId', () => {
    const all = operations();
    expect(all.length).toBeGreaterThanOrEqual(20);
    for (const { path, method } of all)
      expect(world.gateway.hasRoute({ method, url: path.replace(/\{(\w+)\}/g, ':$1') }), `${method} ${path}`).toBe(
        true,
      );
    for (const path of ['/v1/admin/parties', '/v1/admin/clock/advance', '/healthz', '/readyz', '/metrics'])
      expect(doc.paths[path]).toBeDefined();
    const ids = all.map(({ op }) => op.operationId);
    expect(ids.every((id) => typeof id === 'string')).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('names the signature headers as one security requirement, and the admin token for admin calls', () => {
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['adminToken', 'date', 'party', 'signature']);
    expect(doc.security).toEqual([{ party: [], date: [], signature: [] }]);
    expect(doc.paths['/v1/admin/parties']!.get!.security).toEqual([{ adminToken: [] }]);
  });

  it('has one request schema per SR variant, with its eligible roles and command variants from the catalogue', () => {
    for (const sr of SERVICE_REQUESTS)
      expect(doc.components.schemas[`SR_${sr.variant.replaceAll('.', '_')}`]?.properties.role).toEqual({
        type: 'string',
        enum: sr.eligibleRoles,
      });
    expect(doc.components.schemas.SR_7_2!.properties.commandVariant).toEqual({ type: 'integer', enum: [4, 5, 6, 7] });
  });

  it('lints with no errors (redocly lint)', async () => {
    const { stdout, stderr } = await run(bin('redocly'), ['lint', join(work, 'openapi.json'), '--format', 'stylish'], {
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      timeout: 60_000,
    });
    expect(`${stdout}${stderr}`).toMatch(/valid/i);
    expect(`${stdout}${stderr}`).not.toMatch(/\berror\b/i);
  }, 90_000);

  it('generates a client with openapi-typescript that type-checks against an example, and refuses a wrong role', async () => {
    await run(bin('openapi-typescript'), [join(work, 'openapi.json'), '-o', join(work, 'api.d.ts')], {
      timeout: 60_000,
    });
    writeFileSync(
      join(work, 'example.ts'),
      [
        "import type { components, paths } from './api.js';",
        "type SubmitBody = paths['/v1/requests']['post']['requestBody']['content']['application/json'];",
        "type Answer = paths['/v1/requests']['post']['responses'][200]['content']['application/json'];",
        "export const read: SubmitBody = { requestId: '90-B3-D5-1F-30-01-00-00:00-DB-12-00-00-00-00-03:1', role: 'IS', serviceReferenceVariant: '4.1.1', commandVariant: 1 };",
        "export const topUp: components['schemas']['SR_2_2'] = { requestId: 'x', role: 'IS', serviceReferenceVariant: '2.2', commandVariant: 1, body: { value: 5, valueClass: 'pounds' } };",
        'export const code = (answer: Answer): string => answer.code;',
        '// @ts-expect-error: a network operator (ED) is not eligible for 2.2',
        "export const wrong: components['schemas']['SR_2_2'] = { requestId: 'x', role: 'ED', serviceReferenceVariant: '2.2', commandVariant: 1 };",
        '',
      ].join('\n'),
    );
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const args = [
      '--noEmit',
      '--strict',
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
      '--target',
      'es2022',
    ];
    await expect(
      run(process.execPath, [tsc, ...args, join(work, 'example.ts')], { timeout: 60_000 }),
    ).resolves.toBeDefined();
  }, 90_000);
});
