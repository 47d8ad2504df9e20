import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { findServiceRequest } from '../protocol/index.js';
import {
  parseDuration,
  parseValidatedYaml,
  ScenarioFormatError,
  type RequestAction,
  type Step,
} from '../scenario-runner/scenario.js';
import { SOAK_PROFILE_SCHEMA } from './profile-schema.js';
import { DEFAULT_TARGETS, type Targets } from './targets.js';

/** The built-in profiles, by name: files in soak/profiles/. */
export const BUILTIN_PROFILES = ['daily', 'storm', 'cos-wave', 'connect'] as const;
// The YAML files stay in the source tree: next to this file when run from source (tests), two
// levels up from dist/soak/ when built.
const PROFILE_DIR =
  [new URL('./profiles/', import.meta.url), new URL('../../soak/profiles/', import.meta.url)].find((url) =>
    existsSync(fileURLToPath(url)),
  ) ?? new URL('./profiles/', import.meta.url);

/** The devices a soak request may go to: a premises' own, by name. */
export type SoakTarget = 'esme' | 'gsme' | 'hub' | 'gpf' | 'ihd';
const SOAK_TARGETS: readonly string[] = ['esme', 'gsme', 'hub', 'gpf', 'ihd'];
const SOAK_CONSUMER_ACTIONS: readonly string[] = ['powerOutage', 'powerRestore', 'hubOffline', 'hubOnline'];

export interface SoakRequest extends RequestAction {
  readonly to: SoakTarget;
}

export interface TrafficStream {
  readonly name: string;
  readonly request: SoakRequest;
  /** Requests per premises per millisecond, or per run (`perRun`). */
  readonly perPremisesPerMs?: number;
  readonly perPremisesPerRun?: number;
}

export type EventStep =
  | { readonly request: SoakRequest }
  | { readonly consumer: { readonly action: 'powerOutage' | 'powerRestore' | 'hubOffline' | 'hubOnline' } }
  | { readonly admin: NonNullable<Step['admin']> };

export interface FleetEventSpec {
  readonly name: string;
  /** Either a time from the start, or a share of the duration. */
  readonly atMs?: number;
  readonly atShare?: number;
  readonly share: number;
  readonly spreadMs: number;
  readonly steps: readonly EventStep[];
}

export interface Profile {
  readonly name: string;
  readonly description: string;
  readonly file: string;
  readonly connectPerSecond: number;
  readonly ihdRefreshMs: number;
  readonly gsmeWakeMs: number;
  readonly outageAlertDelayMs: number | undefined;
  readonly targets: Targets;
  readonly traffic: readonly TrafficStream[];
  readonly events: readonly FleetEventSpec[];
}

const ajv = new Ajv({ allErrors: false, strict: false });
const validate = ajv.compile(SOAK_PROFILE_SCHEMA);

interface ProfileDocument {
  name: string;
  description?: string;
  connect?: { perSecond?: number };
  devices?: { ihdRefresh?: string; gsmeWake?: string };
  dcc?: { outageAlertDelay?: string };
  targets?: TargetsDocument;
  traffic?: { name?: string; request: RequestAction; perPremises: number; per: string }[];
  events?: { name?: string; at: string; share: string; spread?: string; steps: (Step & { name?: string })[] }[];
}

export interface TargetsDocument {
  nonCritical?: string;
  critical?: string;
  alertDelivery?: string;
  percentile?: number;
}

/** A built-in profile by name, or a profile file; errors name the file, the place and the rule. */
export function loadProfile(nameOrFile: string): Profile {
  const builtin = (BUILTIN_PROFILES as readonly string[]).includes(nameOrFile);
  const path = builtin ? fileURLToPath(new URL(`${nameOrFile}.yaml`, PROFILE_DIR)) : nameOrFile;
  if (!existsSync(path))
    throw new ScenarioFormatError(
      `--profile ${nameOrFile}: not a built-in profile (${BUILTIN_PROFILES.join(', ')}) nor a file`,
    );
  const document = parseDocument(path, readFileSync(path, 'utf8'));
  return compile(document, builtin ? `${nameOrFile} (built-in)` : path);
}

function parseDocument(file: string, text: string): ProfileDocument {
  return parseValidatedYaml<ProfileDocument>(file, text, validate);
}

/** A targets file (the `targets` section of a profile, on its own): `--targets FILE`. */
export function loadTargets(file: string, base: Targets): Targets {
  const document = parseDocument(file, `name: targets\ntargets:\n${readFileSync(file, 'utf8').replace(/^/gm, '  ')}`);
  return mergeTargets(base, document.targets);
}

function compile(document: ProfileDocument, file: string): Profile {
  const checkRequest = (request: RequestAction, where: string): SoakRequest => {
    if (!SOAK_TARGETS.includes(request.to))
      throw new ScenarioFormatError(
        `${file}: ${where}.to: soak requests go to ${SOAK_TARGETS.join(', ')}`,
        `${where}.to`,
      );
    if (!findServiceRequest(request.sr))
      throw new ScenarioFormatError(`${file}: ${where}.sr: SR ${request.sr} is not in the catalogue`, `${where}.sr`);
    return request as SoakRequest;
  };
  const traffic = (document.traffic ?? []).map((stream, i): TrafficStream => {
    const request = checkRequest(stream.request, `traffic.${i}.request`);
    const name = stream.name ?? `${request.as} ${request.sr} to ${request.to}`;
    return stream.per === 'run'
      ? { name, request, perPremisesPerRun: stream.perPremises }
      : { name, request, perPremisesPerMs: stream.perPremises / parseDuration(stream.per) };
  });
  const events = (document.events ?? []).map((event, i): FleetEventSpec => {
    const steps = event.steps.map((step, j): EventStep => {
      const where = `events.${i}.steps.${j}`;
      const actions = (['request', 'consumer', 'admin'] as const).filter((k) => step[k] !== undefined);
      if (actions.length !== 1)
        throw new ScenarioFormatError(`${file}: ${where}: one action per step (request, consumer or admin)`, where);
      if (step.request) return { request: checkRequest(step.request, `${where}.request`) };
      if (step.consumer) {
        if (!SOAK_CONSUMER_ACTIONS.includes(step.consumer.action))
          throw new ScenarioFormatError(
            `${file}: ${where}.consumer.action: soak runs ${SOAK_CONSUMER_ACTIONS.join(', ')}`,
            `${where}.consumer.action`,
          );
        return { consumer: { action: step.consumer.action as 'powerOutage' } };
      }
      if (!step.admin?.register)
        throw new ScenarioFormatError(`${file}: ${where}.admin: soak runs admin register`, `${where}.admin`);
      return { admin: step.admin };
    });
    const at = event.at.endsWith('%')
      ? { atShare: Number(event.at.slice(0, -1)) / 100 }
      : { atMs: parseDuration(event.at) };
    return {
      name: event.name ?? `event ${i + 1}`,
      ...at,
      share: Number(event.share.slice(0, -1)) / 100,
      spreadMs: event.spread ? parseDuration(event.spread) : 0,
      steps,
    };
  });
  const gsmeWakeMs = document.devices?.gsmeWake ? parseDuration(document.devices.gsmeWake) : 30 * 60_000;
  return {
    name: document.name,
    description: document.description?.trim() ?? '',
    file,
    connectPerSecond: document.connect?.perSecond ?? 500,
    ihdRefreshMs: document.devices?.ihdRefresh ? parseDuration(document.devices.ihdRefresh) : 10_000,
    gsmeWakeMs,
    outageAlertDelayMs: document.dcc?.outageAlertDelay ? parseDuration(document.dcc.outageAlertDelay) : undefined,
    targets: mergeTargets({ ...DEFAULT_TARGETS, gsmeWakeMs }, document.targets),
    traffic,
    events,
  };
}

function mergeTargets(base: Targets, document: TargetsDocument | undefined): Targets {
  return {
    ...base,
    ...(document?.nonCritical ? { nonCriticalMs: parseDuration(document.nonCritical) } : {}),
    ...(document?.critical ? { criticalMs: parseDuration(document.critical) } : {}),
    ...(document?.alertDelivery ? { alertDeliveryMs: parseDuration(document.alertDelivery) } : {}),
    ...(document?.percentile !== undefined ? { percentile: document.percentile } : {}),
  };
}
