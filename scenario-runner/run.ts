import type { Scenario, Step } from './scenario.js';
import { ScenarioWorld, type RunOptions } from './scenario-world.js';
import { runStep, StepFailure } from './steps.js';

export interface StepResult {
  readonly index: number;
  readonly name: string;
  readonly premises: number;
  readonly status: 'passed' | 'failed' | 'skipped';
  /** Scenario time when the step ended (the virtual clock: identical across runs of one seed). */
  readonly at: string;
  readonly failure?: { readonly message: string; readonly expected: unknown; readonly seen: unknown };
  /** Wall time the step took; 0 when skipped. Reports keep it apart from the virtual times. */
  readonly wallMs: number;
}

export interface ScenarioResult {
  readonly name: string;
  readonly file: string;
  readonly status: 'passed' | 'failed';
  readonly steps: readonly StepResult[];
  /** Wall time: the console, JUnit, and the JSON report's separate `wallTimes` (left out by --deterministic). */
  readonly wallMs: number;
}

export interface Progress {
  scenarioStart(scenario: Scenario): void;
  step(scenario: Scenario, result: StepResult, wallMs: number): void;
  scenarioEnd(result: ScenarioResult): void;
}

function describeStep(step: Step): string {
  if (step.name) return step.name;
  if (step.request) return `${step.request.as} SR ${step.request.sr} to ${step.request.to}`;
  if (step.consumer) return `consumer ${step.consumer.action}`;
  if (step.admin) return `admin ${Object.keys(step.admin).join(', ')}`;
  if (step.advance) return `advance ${step.advance}`;
  return 'expect';
}

/** Run one scenario in a fresh world; after the first failure the remaining steps are skipped. */
export async function runScenario(
  scenario: Scenario,
  options: RunOptions,
  progress: Progress,
): Promise<ScenarioResult> {
  progress.scenarioStart(scenario);
  const started = Date.now();
  const world = await ScenarioWorld.start(scenario, options);
  const variables = new Map<string, unknown>();
  const steps: StepResult[] = [];
  let failed = false;
  try {
    for (const [i, step] of scenario.steps.entries()) {
      const indices = step.premises === 'each' ? world.world.premises.map((_, n) => n + 1) : [step.premises ?? 1];
      for (const premises of indices) {
        const name = describeStep(step) + (indices.length > 1 ? ` (premises ${premises})` : '');
        const stepStart = Date.now();
        const at = () => new Date(world.clock.now()).toISOString();
        let result: StepResult;
        if (failed) {
          result = { index: i + 1, name, premises, status: 'skipped', at: at(), wallMs: 0 };
        } else {
          try {
            await runStep(world, step, premises, variables);
            result = { index: i + 1, name, premises, status: 'passed', at: at(), wallMs: Date.now() - stepStart };
          } catch (error) {
            failed = true;
            const failure =
              error instanceof StepFailure
                ? { message: error.message, expected: error.expected, seen: error.seen }
                : { message: (error as Error).message, expected: null, seen: null };
            result = {
              index: i + 1,
              name,
              premises,
              status: 'failed',
              at: at(),
              failure,
              wallMs: Date.now() - stepStart,
            };
          }
        }
        steps.push(result);
        progress.step(scenario, result, result.wallMs);
      }
    }
  } finally {
    await world.stop();
  }
  const result: ScenarioResult = {
    name: scenario.name,
    file: scenario.file,
    status: failed ? 'failed' : 'passed',
    steps,
    wallMs: Date.now() - started,
  };
  progress.scenarioEnd(result);
  return result;
}
