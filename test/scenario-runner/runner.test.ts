import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'smetsim-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Minimal well-formedness check: every tag closes in order, attributes are quoted (CDATA set aside). */
function wellFormedXml(xml: string): boolean {
  const body = xml.replace(/^<\?xml[^>]*\?>\s*/, '').replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
  const stack: string[] = [];
  for (const match of body.matchAll(/<(\/?)([A-Za-z_][\w.-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g)) {
    const [, closing, name, , selfClosing] = match;
    if (selfClosing) continue;
    if (closing) {
      if (stack.pop() !== name) return false;
    } else stack.push(name!);
  }
  return stack.length === 0 && !/<(?![/?A-Za-z])/.test(body);
}

describe('smetsim run', () => {
  it('passes every built-in scenario on the virtual clock and the embedded broker', async () => {
    const result = await runCli(['run', '--report-json', join(dir, 'a.json'), '--junit', join(dir, 'a.xml')], 60_000);
    expect(result.stdout).toMatch(/\n(\d+) passed, 0 failed\n/);
    expect(result.code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8')) as {
      summary: { scenarios: number; failed: number };
    };
    expect(report.summary.scenarios).toBeGreaterThanOrEqual(10);
    expect(report.summary.failed).toBe(0);
  }, 60_000);

  it('gives the same JSON report, byte for byte, for the same seed with --deterministic', async () => {
    await runCli(['run', '--seed', '7', '--deterministic', '--report-json', join(dir, 'b1.json')], 60_000);
    await runCli(['run', '--seed', '7', '--deterministic', '--report-json', join(dir, 'b2.json')], 60_000);
    const first = readFileSync(join(dir, 'b1.json'), 'utf8');
    expect(first).toBe(readFileSync(join(dir, 'b2.json'), 'utf8'));
    expect(first).not.toContain('wallTimes');
  }, 180_000);

  it('keeps wall times apart from the virtual ones: a wallTimes field in JSON, and each JUnit testcase its time', async () => {
    const report = JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8')) as {
      scenarios: { steps: Record<string, unknown>[] }[];
      wallTimes: { totalMs: number; scenarios: { wallMs: number; stepsMs: number[] }[] };
    };
    expect(report.wallTimes.scenarios).toHaveLength(report.scenarios.length);
    expect(report.wallTimes.totalMs).toBeGreaterThan(0);
    expect(report.wallTimes.scenarios[0]!.stepsMs).toHaveLength(report.scenarios[0]!.steps.length);
    for (const scenario of report.scenarios)
      for (const step of scenario.steps) expect(step).not.toHaveProperty('wallMs');
    const times = [...readFileSync(join(dir, 'a.xml'), 'utf8').matchAll(/<testcase [^>]*time="([\d.]+)"/g)].map((m) =>
      Number(m[1]),
    );
    expect(times).toHaveLength(report.scenarios.length);
    expect(times.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it('fails a wrong expectation with exit 1, naming the step, what was expected and what was seen; JUnit has the failure', async () => {
    const file = join(dir, 'wrong.yaml');
    writeFileSync(
      file,
      [
        'name: A deliberately wrong expectation',
        'steps:',
        '  - name: the other supplier reads',
        '    request: { as: supplier2, sr: "4.1.1", to: esme }',
        '    expect: { answer: I99 }',
        '  - advance: 1m',
        '',
      ].join('\n'),
    );
    const result = await runCli(['run', file, '--junit', join(dir, 'wrong.xml')], 30_000);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('FAIL   1. the other supplier reads');
    expect(result.stdout).toContain('answer: expected I99, saw E4');
    expect(result.stdout).toContain('skip   2. advance 1m');
    expect(result.stdout).toContain('0 passed, 1 failed');
    const xml = readFileSync(join(dir, 'wrong.xml'), 'utf8');
    expect(wellFormedXml(xml)).toBe(true);
    expect(xml).toContain('<testsuite name="smetsim scenarios" tests="1" failures="1"');
    expect(xml).toMatch(/<failure message="step 1 \(the other supplier reads\): answer: expected I99, saw E4"\/>/);
    expect(xml).toContain('expected: "I99"\nseen: {"code":"E4"');
  }, 30_000);

  it('writes JUnit with one testcase per scenario', async () => {
    const xml = readFileSync(join(dir, 'a.xml'), 'utf8');
    expect(wellFormedXml(xml)).toBe(true);
    const report = JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8')) as { scenarios: unknown[] };
    expect(xml.match(/<testcase /g)).toHaveLength(report.scenarios.length);
    expect(xml).not.toContain('<failure');
  });

  it('refuses a malformed scenario, naming the file, the place and the rule', async () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      ['name: Bad', 'steps:', '  - request: { as: supplier, sr: "4.1.1", to: esme, colour: blue }', ''].join('\n'),
    );
    const result = await runCli(['run', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/bad\.yaml: steps\.0\.request: must NOT have additional properties "colour"/);
  });

  it('counts a charges verb as the step’s action: alone it needs no expect, beside another action it is refused', async () => {
    const alone = join(dir, 'charges-alone.yaml');
    writeFileSync(alone, ['name: Issue', 'steps:', '  - charges: { action: issue, month: 2025-12 }', ''].join('\n'));
    const ran = await runCli(['run', alone], 30_000);
    expect(ran.stdout).toContain('1 passed, 0 failed');
    const two = join(dir, 'charges-two.yaml');
    writeFileSync(
      two,
      ['name: Two', 'steps:', '  - charges: { action: issue, month: 2025-12 }', '    advance: 1d', ''].join('\n'),
    );
    const refused = await runCli(['run', two]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('charges-two.yaml: steps.0: one action per step, got advance and charges');
  }, 30_000);

  it('publishes the JSON Schema the runner validates with (docs/scenario.schema.json is current)', async () => {
    const printed = await runCli(['schema']);
    expect(printed.stdout).toBe(readFileSync(new URL('../../docs/scenario.schema.json', import.meta.url), 'utf8'));
  });
});
