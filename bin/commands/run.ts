import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findScenarioFiles, loadScenario, type Scenario } from '../../scenario-runner/scenario.js';
import { runScenario, type Progress, type ScenarioResult } from '../../scenario-runner/run.js';
import { jsonReport, junitReport } from '../../scenario-runner/reports.js';
import { runCommand } from '../cli-errors.js';
import { smwanSecretOption } from '../smwan-options.js';

interface RunCliOptions {
  seed: string;
  clock: 'virtual' | 'real';
  broker?: string;
  reportJson?: string;
  junit?: string;
  deterministic?: boolean;
  http?: boolean;
  smwanSecret: string;
}

export function registerRunCommand(program: Command): void {
  program
    .command('run [paths...]')
    .description(
      'Run scenario files (YAML; folders are searched; default: the built-in scenarios) and report pass or fail; exits 1 if any failed',
    )
    .option('--seed <seed>', 'seed for keys and consumption: the same seed replays the same report', '1')
    .option('--clock <clock>', 'virtual (default: time moves only when a scenario advances it) or real', 'virtual')
    .option('--broker <url>', 'use this MQTT broker instead of the embedded one')
    .option('--report-json <file>', 'write the JSON report here')
    .option('--deterministic', 'leave the wall times out of the JSON report: the same seed gives the same bytes')
    .option('--junit <file>', 'write a JUnit XML report here')
    .option('--http', 'party stubs call the User Gateway over real HTTP instead of in process')
    .addOption(smwanSecretOption())
    .action((paths: string[], options: RunCliOptions) =>
      runCommand('run', () => run(paths.length > 0 ? paths : [BUILTIN], options)),
    );
}

/** The built-in scenarios ship beside dist/: found from this file, wherever smetsim is run from. */
const BUILTIN = relative(process.cwd(), fileURLToPath(new URL('../../../scenarios/builtin', import.meta.url))) || '.';

const mark = { passed: 'PASS', failed: 'FAIL', skipped: 'skip' } as const;

const consoleProgress: Progress = {
  scenarioStart(scenario: Scenario) {
    process.stdout.write(`\n${scenario.name}  (${scenario.file})\n`);
  },
  step(_scenario, result, wallMs) {
    process.stdout.write(
      `  ${mark[result.status]}  ${String(result.index).padStart(2)}. ${result.name}  ${result.status === 'skipped' ? '' : `${wallMs} ms`}\n`,
    );
    if (result.failure) {
      process.stdout.write(
        `        ${result.failure.message}\n        expected: ${JSON.stringify(result.failure.expected)}\n        seen:     ${JSON.stringify(result.failure.seen)}\n`,
      );
    }
  },
  scenarioEnd() {},
};

async function run(paths: string[], options: RunCliOptions): Promise<number> {
  if (options.clock !== 'virtual' && options.clock !== 'real') throw new Error('--clock must be virtual or real');
  const scenarios = findScenarioFiles(paths).map((file) => loadScenario(file));
  if (scenarios.length === 0) throw new Error(`no scenario files (*.yaml) under ${paths.join(', ')}`);
  const results: ScenarioResult[] = [];
  for (const scenario of scenarios) {
    results.push(
      await runScenario(
        scenario,
        {
          seed: options.seed,
          clock: options.clock,
          smwanSecret: options.smwanSecret,
          ...(options.broker ? { brokerUrl: options.broker } : {}),
          ...(options.http ? { http: true } : {}),
        },
        consoleProgress,
      ),
    );
  }
  const width = Math.max(...results.map((r) => r.name.length));
  process.stdout.write('\nSummary\n');
  for (const r of results) {
    const passedSteps = r.steps.filter((s) => s.status === 'passed').length;
    process.stdout.write(
      `  ${mark[r.status]}  ${r.name.padEnd(width)}  ${passedSteps}/${r.steps.length} steps  ${r.wallMs} ms\n`,
    );
  }
  const failed = results.filter((r) => r.status === 'failed').length;
  process.stdout.write(`\n${results.length - failed} passed, ${failed} failed\n`);
  if (options.reportJson)
    writeFileSync(
      options.reportJson,
      jsonReport(options.seed, results, { deterministic: options.deterministic === true }),
    );
  if (options.junit) writeFileSync(options.junit, junitReport(results));
  return failed === 0 ? 0 : 1;
}
