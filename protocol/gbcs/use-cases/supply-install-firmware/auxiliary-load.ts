import type { ServiceReferenceVariant } from '../../../catalogue.js';
import type { PlainValue } from '../../../cbor.js';
import type { DlmsData, ObisCode } from '../../dlms/index.js';
import {
  cosemDateTimeFromDate,
  cosemDateTimeToDate,
  decodeCosemDateTime,
  encodeCosemDateTime,
  isObisCode,
} from '../../dlms/index.js';
import type { GbcsPayload } from '../../payload.js';
import type { Outcome, ResponseContext, UseCaseCodec } from '../use-case-codec.js';
import {
  bodyMap,
  dlmsNumber,
  dlmsOctets,
  dlmsRequest,
  dlmsResponse,
  dlmsStatus,
  fail,
  firstFailure,
  HARDWARE_FAULT,
  NULL_DATA,
  OTHER_REASON,
  outcome,
  TYPE_UNMATCHED,
  type PayloadMap,
  type SpecShape,
} from './kit.js';

/**
 * SRs 7.5, 7.6, 7.8, 7.9, 7.10, 7.12, 7.13, 7.16: the ESME's auxiliary load control switches
 * (ALCS) and boost button (FACTS: auxiliary load control). What the RTDS shows:
 *
 * - ECS47 (7.5 activate, 7.6 deactivate, 7.8 reset; one message code): an optional set of a
 *   duration register (class 1, `0-0:94.44.117.1` / `…119.2` in the RTDS, long-unsigned, minutes
 *   here) and the execution of a script of the ALCS script table `0-0:10.0.103.255`. The script
 *   id's high byte is the switch (1-5), its low byte the action: 0x11 on, 0x12 off, 0x20 reset
 *   (emulator reading of ids 0x0111, 0x0312, 0x0520; the RTDS does not name them).
 * - ECS62 (7.9 add to / 7.10 remove from the boost button; one message code): a set of the five
 *   booleans `0-0:94.44.6.1`…`.5`, one per switch.
 * - ECS38 (7.12): the boost duration, `0-0:94.44.0.1`, long-unsigned seconds.
 * - ECS47a (7.13) and ECS47e (7.16, the auxiliary proportional controller, script table
 *   `0-0:10.0.107.255`): a window (two date-time registers) and a script to run in it.
 *
 * Bodies: ECS47 `{ action: activate|deactivate|reset, load, minutes?, register? }`; ECS62
 * `{ boost: [5 booleans] }`; ECS38 `{ seconds }`; ECS47a/e `{ script, from, to, register }`
 * (ISO times; `register` the first window register's OBIS). Responses carry only results, so a
 * success reads back as `{ done: true }` plus what the command set.
 *
 * Refusals: the RTDS ERROR variants answer the first object with hardware-fault and the ones after
 * it with other-reason (ECS62: the switch that failed); here a refusal gives hardware-fault to the
 * first spec (type-unmatched for BAD_PAYLOAD) and other-reason to the rest.
 */

const ALCS_SCRIPTS: ObisCode = '0-0:10.0.103.255';
const APC_SCRIPTS: ObisCode = '0-0:10.0.107.255';
const execute = (obis: ObisCode): SpecShape => ({ type: 'action', classId: 9, obis, id: 1 });
const register = (obis: ObisCode): SpecShape => ({ type: 'set', classId: 1, obis, id: 2 });

/** Which spec kinds a request had, so that a response mirrors them. */
function kindsOf(command: GbcsPayload): ('get' | 'set' | 'action')[] {
  if (command.kind !== 'dlms' || command.apdu.type !== 'access-request') return ['action'];
  return command.apdu.specs.map((s) =>
    s.type === 'action' ? 'action' : s.type === 'set' || s.type === 'set-with-selection' ? 'set' : 'get',
  );
}

/** All-success, or the RTDS ERROR pattern: first spec fails, the rest are not attempted. */
function resultsResponse(result: Outcome, ctx: ResponseContext): GbcsPayload {
  const kinds = kindsOf(ctx.command);
  const first = result.status === 'BAD_PAYLOAD' ? TYPE_UNMATCHED : HARDWARE_FAULT;
  return dlmsResponse(
    ctx,
    kinds.map((type, i) => ({
      data: NULL_DATA,
      spec: { type, result: result.status === 'OK' ? 0 : i === 0 ? first : OTHER_REASON },
    })),
  );
}

function resultsOutcome(
  useCase: string,
  payload: GbcsPayload,
  kinds: readonly ('get' | 'set' | 'action')[],
  done: PlainValue,
): Outcome {
  const code = firstFailure(readRequestOrResponse(useCase, payload, kinds));
  return code === 0 ? outcome('OK', done) : outcome(dlmsStatus(code, HARDWARE_FAULT), { result: code });
}

function readRequestOrResponse(useCase: string, payload: GbcsPayload, kinds: readonly ('get' | 'set' | 'action')[]) {
  if (payload.kind !== 'dlms' || payload.apdu.type !== 'access-response')
    fail(useCase, 'apdu', 'must be a DLMS access-response');
  const response = payload.apdu;
  if (response.specs.length !== kinds.length) fail(useCase, 'specs', `must be ${kinds.length} result(s)`);
  response.specs.forEach((s, i) => {
    if (s.type !== kinds[i]) fail(useCase, `specs[${i}]`, `must be a ${kinds[i]} result`);
  });
  return response;
}

/** The request's specs and data, checked against the expected kinds but not the instances. */
function request(useCase: string, payload: GbcsPayload) {
  if (payload.kind !== 'dlms' || payload.apdu.type !== 'access-request')
    fail(useCase, 'apdu', 'must be a DLMS access-request');
  const { specs, data } = payload.apdu;
  if (specs.length !== data.length) fail(useCase, 'data', 'must have one item per spec');
  return { specs, data };
}

function setObis(
  useCase: string,
  spec: ReturnType<typeof request>['specs'][number] | undefined,
  field: string,
): ObisCode {
  if (spec?.type !== 'set' || spec.attribute.classId !== 1 || spec.attribute.attributeId !== 2)
    fail(useCase, field, 'must be a set of a class 1 data value (#2)');
  return spec.attribute.instance;
}

function checkExecute(
  useCase: string,
  spec: ReturnType<typeof request>['specs'][number] | undefined,
  table: ObisCode,
): void {
  if (
    spec?.type !== 'action' ||
    spec.method.classId !== 9 ||
    spec.method.instance !== table ||
    spec.method.methodId !== 1
  )
    fail(useCase, 'script', `must execute a script of ${table}`);
}

// ---- ECS47: activate, deactivate, reset --------------------------------------------------------

const ACTION_CODES = { activate: 0x11, deactivate: 0x12, reset: 0x20 } as const;
type LoadAction = keyof typeof ACTION_CODES;
const DEFAULT_REGISTER: Record<Exclude<LoadAction, 'reset'>, ObisCode> = {
  activate: '0-0:94.44.117.1',
  deactivate: '0-0:94.44.119.2',
};

function loadOf(b: PayloadMap, useCase: string): number {
  const load = b.load ?? 1;
  if (typeof load !== 'number' || !Number.isInteger(load) || load < 1 || load > 5)
    fail(useCase, 'load', 'must be 1 to 5');
  return load;
}

function obisOf(b: PayloadMap, key: string, fallback: ObisCode, useCase: string): ObisCode {
  const value = b[key] ?? fallback;
  if (typeof value !== 'string' || !isObisCode(value))
    fail(useCase, key, 'must be an OBIS code such as 0-0:94.44.117.1');
  return value;
}

/** One decoder for the three ECS47 use cases: they share message code 0x0055, the content tells them apart. */
function decodeEcs47(payload: GbcsPayload): PlainValue {
  const { specs, data } = request('ECS47', payload);
  if (specs.length !== 1 && specs.length !== 2) fail('ECS47', 'specs', 'must be 1 or 2 items');
  checkExecute('ECS47', specs[specs.length - 1], ALCS_SCRIPTS);
  const script = dlmsNumber('ECS47', data[data.length - 1], 'long-unsigned', 'script');
  const load = script >> 8;
  const action = (Object.keys(ACTION_CODES) as LoadAction[]).find((a) => ACTION_CODES[a] === (script & 0xff));
  if (!action || load < 1 || load > 5)
    fail('ECS47', 'script', 'must name a switch 1-5 and on (11), off (12) or reset (20)');
  if (specs.length === 1) return { action, load };
  if (action === 'reset') fail('ECS47', 'specs', 'a reset sets no duration');
  return {
    action,
    load,
    register: setObis('ECS47', specs[0], 'register'),
    minutes: dlmsNumber('ECS47', data[0], 'long-unsigned', 'minutes'),
  };
}

function ecs47(useCase: string, variant: ServiceReferenceVariant, action: LoadAction): UseCaseCodec {
  return {
    useCase,
    messageCode: 0x0055,
    variant,
    device: 'ESME',
    encodeCommand: (body, ctx) => {
      const b = bodyMap(body);
      const script: DlmsData = { type: 'long-unsigned', value: (loadOf(b, useCase) << 8) | ACTION_CODES[action] };
      if (action === 'reset') return dlmsRequest(ctx, [execute(ALCS_SCRIPTS)], [script]);
      const minutes = b.minutes ?? 30;
      if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < 0 || minutes > 0xffff)
        fail(useCase, 'minutes', 'must be 0 to 65535');
      return dlmsRequest(
        ctx,
        [register(obisOf(b, 'register', DEFAULT_REGISTER[action], useCase)), execute(ALCS_SCRIPTS)],
        [{ type: 'long-unsigned', value: minutes }, script],
      );
    },
    decodeCommand: decodeEcs47,
    encodeResponse: resultsResponse,
    decodeResponse: (payload) => {
      const kinds =
        payload.kind === 'dlms' && payload.apdu.type === 'access-response' && payload.apdu.specs.length === 1
          ? ['action' as const]
          : (['set', 'action'] as const);
      return resultsOutcome(useCase, payload, kinds, { done: true, action });
    },
  };
}

// ---- ECS62: boost button membership ------------------------------------------------------------

const BOOST_FLAGS: readonly SpecShape[] = [1, 2, 3, 4, 5].map((n) => register(`0-0:94.44.6.${n}`));

function ecs62(useCase: string, variant: ServiceReferenceVariant, adding: boolean): UseCaseCodec {
  return {
    useCase,
    messageCode: 0x005f,
    variant,
    device: 'ESME',
    encodeCommand: (body, ctx) => {
      const boost = bodyMap(body).boost ?? [adding, adding, adding, adding, adding];
      if (!Array.isArray(boost) || boost.length !== 5 || !boost.every((v) => typeof v === 'boolean'))
        fail(useCase, 'boost', 'must be 5 booleans, one per switch');
      return dlmsRequest(
        ctx,
        BOOST_FLAGS,
        boost.map((value) => ({ type: 'boolean', value: value })),
      );
    },
    decodeCommand: (payload) => {
      const { specs, data } = request(useCase, payload);
      if (specs.length !== 5) fail(useCase, 'specs', 'must be the 5 boost flags');
      specs.forEach((s, i) => {
        if (setObis(useCase, s, `specs[${i}]`) !== `0-0:94.44.6.${i + 1}`)
          fail(useCase, `specs[${i}]`, `must be 0-0:94.44.6.${i + 1}`);
      });
      return {
        boost: data.map((d, i) => {
          if (d.type !== 'boolean') fail(useCase, `boost[${i}]`, 'must be a boolean');
          return d.value;
        }),
      };
    },
    encodeResponse: resultsResponse,
    decodeResponse: (payload) => resultsOutcome(useCase, payload, ['set', 'set', 'set', 'set', 'set'], { done: true }),
  };
}

// ---- ECS38: boost duration ---------------------------------------------------------------------

const BOOST_DURATION = register('0-0:94.44.0.1');

const ECS38: UseCaseCodec = {
  useCase: 'ECS38',
  messageCode: 0x004b,
  variant: '7.12',
  device: 'ESME',
  encodeCommand: (body, ctx) => {
    const seconds = bodyMap(body).seconds;
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0 || seconds > 0xffff)
      fail('ECS38', 'seconds', 'must be 0 to 65535');
    return dlmsRequest(ctx, [BOOST_DURATION], [{ type: 'long-unsigned', value: seconds }]);
  },
  decodeCommand: (payload) => {
    const { specs, data } = request('ECS38', payload);
    if (specs.length !== 1 || setObis('ECS38', specs[0], 'specs[0]') !== '0-0:94.44.0.1')
      fail('ECS38', 'specs', 'must be the one boost duration 0-0:94.44.0.1');
    return { seconds: dlmsNumber('ECS38', data[0], 'long-unsigned', 'seconds') };
  },
  encodeResponse: resultsResponse,
  decodeResponse: (payload) => resultsOutcome('ECS38', payload, ['set'], { done: true }),
};

// ---- ECS47a / ECS47e: a window and a script ----------------------------------------------------

function windowCodec(
  useCase: string,
  messageCode: number,
  variant: ServiceReferenceVariant,
  table: ObisCode,
  defaultRegister: ObisCode,
): UseCaseCodec {
  const next = (obis: ObisCode): ObisCode => {
    const parts = obis.split('.');
    const last = Number(parts.pop());
    return `${parts.join('.')}.${last + 1}` as ObisCode;
  };
  return {
    useCase,
    messageCode,
    variant,
    device: 'ESME',
    encodeCommand: (body, ctx) => {
      const b = bodyMap(body);
      const first = obisOf(b, 'register', defaultRegister, useCase);
      const times = (['from', 'to'] as const).map((key) => {
        const text = b[key];
        const ms = typeof text === 'string' ? Date.parse(text) : NaN;
        if (!Number.isFinite(ms)) fail(useCase, key, 'must be an ISO time');
        return ms;
      });
      const script = b.script;
      if (typeof script !== 'number' || !Number.isInteger(script) || script < 0 || script > 0xffff)
        fail(useCase, 'script', 'must be a script id 0 to 65535');
      return dlmsRequest(
        ctx,
        [register(first), register(next(first)), execute(table)],
        [...times.map((ms) => cosemTime(ms)), { type: 'long-unsigned', value: script }],
      );
    },
    decodeCommand: (payload) => {
      const { specs, data } = request(useCase, payload);
      if (specs.length !== 3) fail(useCase, 'specs', 'must be 2 registers and a script');
      const first = setObis(useCase, specs[0], 'register');
      if (setObis(useCase, specs[1], 'specs[1]') !== next(first)) fail(useCase, 'specs[1]', `must be ${next(first)}`);
      checkExecute(useCase, specs[2], table);
      return {
        register: first,
        from: fromCosem(useCase, data[0], 'from'),
        to: fromCosem(useCase, data[1], 'to'),
        script: dlmsNumber(useCase, data[2], 'long-unsigned', 'script'),
      };
    },
    encodeResponse: resultsResponse,
    decodeResponse: (payload) => resultsOutcome(useCase, payload, ['set', 'set', 'action'], { done: true }),
  };
}

function cosemTime(ms: number): DlmsData {
  return {
    type: 'octet-string',
    bytes: encodeCosemDateTime({ ...cosemDateTimeFromDate(new Date(ms)), dayOfWeek: 0xff }),
  };
}

function fromCosem(useCase: string, data: DlmsData | undefined, field: string): string {
  const date = cosemDateTimeToDate(decodeCosemDateTime(dlmsOctets(useCase, data, field, 12), 0, field));
  if (!date) fail(useCase, field, 'must name an instant');
  return date.toISOString();
}

export const AUXILIARY_LOAD_USE_CASES: readonly UseCaseCodec[] = [
  ecs47('ECS47Activate', '7.5', 'activate'),
  ecs47('ECS47Deactivate', '7.6', 'deactivate'),
  ecs47('ECS47Reset', '7.8', 'reset'),
  ecs62('ECS62Add', '7.9', true),
  ecs62('ECS62Remove', '7.10', false),
  ECS38,
  windowCodec('ECS47a', 0x011e, '7.13', ALCS_SCRIPTS, '0-0:94.44.121.1'),
  windowCodec('ECS47e', 0x011f, '7.16', APC_SCRIPTS, '0-0:94.44.121.3'),
];
