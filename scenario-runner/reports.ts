import junitModule, { type Builder } from 'junit-report-builder';
import type { ScenarioResult } from './run.js';

// The package is CommonJS with `module.exports = builder`, but its types declare an ES default
// export, which NodeNext reads as `{ default }`. At run time the default import is the builder.
const junit = junitModule as unknown as Builder;

export interface JsonReportOptions {
  /**
   * Leave out the wall times, so that the same seed on the virtual clock gives the same bytes
   * (`smetsim run --deterministic`). Everything else in the report is virtual time already.
   */
  readonly deterministic?: boolean;
}

/**
 * The JSON report. Scenario and step results hold virtual times only; the wall times the run took
 * sit apart, in `wallTimes`, which a deterministic report leaves out.
 */
export function jsonReport(seed: string, results: readonly ScenarioResult[], options: JsonReportOptions = {}): string {
  const passed = results.filter((r) => r.status === 'passed').length;
  const report = {
    tool: 'smetsim',
    seed,
    summary: { scenarios: results.length, passed, failed: results.length - passed },
    scenarios: results.map(({ wallMs: _wall, steps, ...rest }) => ({
      ...rest,
      steps: steps.map(({ wallMs: _stepWall, ...step }) => step),
    })),
    ...(options.deterministic
      ? {}
      : {
          wallTimes: {
            totalMs: results.reduce((sum, r) => sum + r.wallMs, 0),
            scenarios: results.map((r) => ({ file: r.file, wallMs: r.wallMs, stepsMs: r.steps.map((s) => s.wallMs) })),
          },
        }),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

/**
 * JUnit XML through junit-report-builder: one testcase per scenario with its wall time, the
 * failing step in <failure> and what was expected and seen in <system-out>.
 */
export function junitReport(results: readonly ScenarioResult[]): string {
  const builder = junit.newBuilder();
  const suite = builder.testSuite().name('smetsim scenarios');
  for (const r of results) {
    const testCase = suite
      .testCase()
      .className(r.file)
      .name(r.name)
      .time(r.wallMs / 1000);
    const failed = r.steps.find((s) => s.status === 'failed');
    if (failed) {
      testCase
        .failure(`step ${failed.index} (${failed.name}): ${failed.failure?.message ?? ''}`)
        .standardOutput(
          `expected: ${JSON.stringify(failed.failure?.expected)}\nseen: ${JSON.stringify(failed.failure?.seen)}`,
        );
    }
  }
  return `${builder.build()}\n`;
}
