import type { ScenarioResult } from './run.js';

/** The JSON report: no wall times and no cursors, so that the same seed gives the same bytes. */
export function jsonReport(seed: string, results: readonly ScenarioResult[]): string {
  const passed = results.filter((r) => r.status === 'passed').length;
  return `${JSON.stringify(
    {
      tool: 'smetsim',
      seed,
      summary: { scenarios: results.length, passed, failed: results.length - passed },
      scenarios: results.map(({ wallMs: _wall, ...rest }) => rest),
    },
    null,
    2,
  )}\n`;
}

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** JUnit XML: one testcase per scenario, the failing step in <failure>. */
export function junitReport(results: readonly ScenarioResult[]): string {
  const failures = results.filter((r) => r.status === 'failed').length;
  const cases = results.map((r) => {
    const failed = r.steps.find((s) => s.status === 'failed');
    const body = failed
      ? `\n    <failure message="${escape(`step ${failed.index} (${failed.name}): ${failed.failure?.message ?? ''}`)}">${escape(
          `expected: ${JSON.stringify(failed.failure?.expected)}\nseen: ${JSON.stringify(failed.failure?.seen)}`,
        )}</failure>\n  `
      : '';
    return `  <testcase classname="${escape(r.file)}" name="${escape(r.name)}" time="0">${body}</testcase>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="smetsim scenarios" tests="${results.length}" failures="${failures}" errors="0">\n${cases.join('\n')}\n</testsuite>\n`;
}
