import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { SmetsimError } from '../protocol/index.js';
import type { DefaultPartyName } from '../world/default-parties.js';
import { SCENARIO_SCHEMA } from './scenario-schema.js';
import type { SecAction, SecPartyName } from './sec-steps.js';
import type { ChargesAction, ChargesExpectation } from './charges-steps.js';

export type Subset = Record<string, unknown>;

export interface RequestAction {
  readonly as: DefaultPartyName;
  readonly role?: string;
  readonly sr: string;
  readonly to: string;
  readonly body?: Record<string, unknown>;
  readonly commandVariant?: number;
  readonly executeIn?: string;
  readonly forge?: boolean;
}

export interface Expectation {
  readonly answer?: string;
  readonly response?: { readonly code?: string; readonly body?: Subset };
  readonly inbox?: {
    readonly party: DefaultPartyName;
    readonly kind?: string;
    readonly code?: string;
    readonly alertCode?: string;
    readonly requestId?: string;
    readonly serviceReferenceVariant?: string;
    readonly body?: Subset;
    readonly absent?: boolean;
  };
  readonly device?: { readonly ref: string; readonly state: Subset };
  /** The SEC side: a party's status, a notice it was sent (about a party), the last elective's state. */
  /** The named party's invoice for a month (docs/charges.md). */
  readonly charges?: ChargesExpectation;
  readonly sec?: {
    readonly party: SecPartyName;
    readonly status?: string;
    readonly notice?: string;
    readonly about?: SecPartyName;
    readonly elective?: string;
    /** The last elective's firm offer: 0 when on time, else the working days it was late. */
    readonly offerLateBy?: number;
  };
  readonly screen?: { readonly ref: string; readonly contains: string };
  readonly timeout?: string;
}

export interface Step {
  readonly name?: string;
  readonly premises?: number | 'each';
  readonly request?: RequestAction;
  readonly consumer?: {
    readonly action: string;
    readonly utrn?: string;
    readonly fuel?: 'electricity' | 'gas';
    readonly percent?: number;
  };
  readonly admin?: {
    readonly register?: {
      readonly point: 'electricity' | 'gas';
      readonly role: string;
      readonly party: DefaultPartyName;
    };
    readonly consent?: {
      readonly party: DefaultPartyName;
      readonly point?: 'electricity' | 'gas';
      readonly scope?: unknown;
    };
    readonly suspend?: DefaultPartyName;
    readonly reinstate?: DefaultPartyName;
  };
  readonly advance?: string;
  readonly withdraw?: { readonly as: DefaultPartyName; readonly role?: string };
  readonly replace?: { readonly as: DefaultPartyName; readonly role?: string };
  /** A SEC verb (scenario-runner/sec-steps.ts). */
  readonly sec?: SecAction;
  /** A charges verb (scenario-runner/charges-steps.ts). */
  readonly charges?: ChargesAction;
  readonly expect?: Expectation;
  readonly capture?: Readonly<Record<string, string>>;
}

export interface Scenario {
  readonly name: string;
  readonly description?: string;
  readonly fleet?: {
    readonly premises?: number;
    readonly withPpmid?: boolean;
    readonly paymentMode?: 'Credit' | 'Prepayment';
    readonly initialBalancePence?: number;
    readonly gsmeWakeMinutes?: number;
    readonly ihdRefreshMinutes?: number;
    readonly installed?: number;
    readonly tariff?: {
      readonly standingCharge?: number;
      readonly unitRates: readonly number[];
      readonly switching?: readonly unknown[];
    };
  };
  readonly parties?: { readonly keysFrom?: string };
  readonly registration?: readonly {
    readonly premises?: number;
    readonly point: 'electricity' | 'gas';
    readonly role: string;
    readonly party: DefaultPartyName;
  }[];
  readonly steps: readonly Step[];
  /** The file it came from, relative to where the runner started. */
  readonly file: string;
}

export class ScenarioFormatError extends SmetsimError {
  constructor(message: string, field?: string) {
    super('SCENARIO_FORMAT', message, field);
  }
}

const ajv = new Ajv({ allErrors: false, strict: false });
const validate = ajv.compile(SCENARIO_SCHEMA);

/** Parse and validate one scenario file; errors name the file, the path in it and the rule. */
export function loadScenario(path: string, base = process.cwd()): Scenario {
  const file = relative(base, path) || path;
  const scenario = parseValidatedYaml<Omit<Scenario, 'file'>>(file, readFileSync(path, 'utf8'), validate);
  for (const [i, step] of scenario.steps.entries()) {
    const actions = ['request', 'consumer', 'admin', 'advance', 'withdraw', 'replace', 'sec', 'charges'].filter(
      (k) => (step as Record<string, unknown>)[k] !== undefined,
    );
    if (actions.length > 1)
      throw new ScenarioFormatError(
        `${file}: steps.${i}: one action per step, got ${actions.join(' and ')}`,
        `steps.${i}`,
      );
    if (actions.length === 0 && !step.expect)
      throw new ScenarioFormatError(
        `${file}: steps.${i}: a step needs an action (request, consumer, admin, advance, withdraw, replace, sec, charges) or an expect`,
        `steps.${i}`,
      );
  }
  return { ...scenario, file };
}

/**
 * YAML text checked against a compiled JSON Schema. Errors name the file, the place in it (a
 * dotted path) and the rule; scenario files and soak profiles both read through here.
 */
export function parseValidatedYaml<T>(file: string, text: string, validate: ValidateFunction): T {
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    throw new ScenarioFormatError(`${file}: not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  if (!validate(document)) {
    const first = validate.errors?.[0];
    const where = first?.instancePath ? first.instancePath.replace(/^\//, '').replaceAll('/', '.') : '(top level)';
    const extra =
      first?.params && 'additionalProperty' in first.params ? ` "${String(first.params.additionalProperty)}"` : '';
    throw new ScenarioFormatError(`${file}: ${where}: ${first?.message ?? 'invalid'}${extra}`, where);
  }
  return document as T;
}

/** Scenario files under the given paths (files, or folders searched for *.yaml / *.yml), sorted. */
export function findScenarioFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  const visit = (path: string) => {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) throw new ScenarioFormatError(`${path}: no such file or folder`);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path).sort()) visit(join(path, entry));
    } else if (/\.ya?ml$/.test(path)) out.push(path);
  };
  for (const path of paths) visit(path);
  return out;
}

export function parseDuration(text: string): number {
  const match = /^(\d+)(ms|s|m|h|d)$/.exec(text);
  if (!match) throw new ScenarioFormatError(`"${text}" is not a duration like 30s, 5m or 2h`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 'ms' | 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * unit;
}
