import { body, ok, type Handler, type HandlerTable } from '../../device-core/handlers.js';
import { PayloadError, type PayloadMap } from '../../device-core/payload.js';
import type { ServiceReferenceVariant } from '../../protocol/index.js';
import type { Esme } from '../esme.js';
import { joinDetails } from '../../device-core/join-policy.js';

/**
 * The ESME's auxiliary load control (SRs 7.5-7.16; the codecs in protocol/gbcs/use-cases/
 * supply-install-firmware/auxiliary-load.ts say what each GBCS object is). Five switches (ALCS 1-5);
 * each is on or off, may be held on for a number of minutes, and may be driven by the boost
 * button, which holds its switches on for `boostSeconds`. Windows (7.13, 7.16) are kept as the
 * scripts to run in them. The state lives beside the meter, one record per meter.
 */
export interface AuxiliaryLoads {
  /** Per switch 1-5: on, and until when (ms) when held on for a while. */
  readonly switches: { on: boolean; until: number | undefined }[];
  /** Which switches the boost button drives. */
  boost: boolean[];
  boostSeconds: number;
  /** Boost presses, [start, end] ms, newest last (bounded). */
  readonly history: [number, number][];
  readonly windows: {
    readonly variant: string;
    readonly register: string;
    readonly from: string;
    readonly to: string;
    readonly script: number;
  }[];
}

const STATE = new WeakMap<Esme, AuxiliaryLoads>();
const MAX_HISTORY = 64;

export function auxiliaryLoads(m: Esme): AuxiliaryLoads {
  let state = STATE.get(m);
  if (!state) {
    state = {
      switches: [1, 2, 3, 4, 5].map(() => ({ on: false, until: undefined })),
      boost: [false, false, false, false, false],
      boostSeconds: 1800,
      history: [],
      windows: [],
    };
    STATE.set(m, state);
  }
  return state;
}

/** A switch held on or off for a while falls back to off when its time is up (read lazily). */
function settle(m: Esme, state: AuxiliaryLoads): void {
  const now = m.now();
  for (const s of state.switches)
    if (s.until !== undefined && now >= s.until) {
      s.on = false;
      s.until = undefined;
    }
}

function view(m: Esme): PayloadMap {
  const state = auxiliaryLoads(m);
  settle(m, state);
  return { loads: state.switches.map((s) => s.on), boost: [...state.boost], boostSeconds: state.boostSeconds };
}

const ACTIONS: Readonly<Partial<Record<ServiceReferenceVariant, 'activate' | 'deactivate' | 'reset'>>> = {
  '7.5': 'activate',
  '7.6': 'deactivate',
  '7.8': 'reset',
};

/** 7.5 / 7.6 / 7.8 (ECS47): the body's action wins, since the three share one GBCS message code. */
const switchLoad: Handler<Esme> = (m, c) => {
  const b = c.payload === null ? {} : body(c);
  const action = typeof b.action === 'string' ? b.action : ACTIONS[c.serviceRequest];
  const load = b.load ?? 1;
  if (typeof load !== 'number' || !Number.isInteger(load) || load < 1 || load > 5)
    throw new PayloadError('load must be 1 to 5', 'load');
  if (m.lifecycle !== 'Commissioned')
    return {
      status: 'INVALID_STATE',
      payload: { reason: 'auxiliary loads are switched only on a commissioned meter' },
    };
  const state = auxiliaryLoads(m);
  const target = state.switches[load - 1];
  if (!target) throw new PayloadError('load must be 1 to 5', 'load');
  const minutes = typeof b.minutes === 'number' ? b.minutes : undefined;
  switch (action) {
    case 'activate':
      target.on = true;
      target.until = minutes ? m.now() + minutes * 60_000 : undefined;
      break;
    case 'deactivate':
      target.on = false;
      target.until = undefined;
      break;
    case 'reset':
      target.on = false;
      target.until = undefined;
      break;
    default:
      throw new PayloadError('action must be activate, deactivate or reset', 'action');
  }
  m.events.record(m.now(), `auxiliary load ${load} ${action}`);
  return ok(view(m));
};

/** 7.9 / 7.10 (ECS62): each flag sets whether the boost button drives that switch. */
const setBoost: Handler<Esme> = (m, c) => {
  const b = c.payload === null ? {} : body(c);
  const adding = c.serviceRequest === '7.9';
  const flags = b.boost ?? [adding, adding, adding, adding, adding];
  if (!Array.isArray(flags) || flags.length !== 5 || !flags.every((f) => typeof f === 'boolean'))
    throw new PayloadError('boost must be 5 booleans', 'boost');
  auxiliaryLoads(m).boost = flags;
  return ok(view(m));
};

/** The boost button pressed at the meter: its switches are held on for the boost duration. */
export function pressBoost(m: Esme): void {
  const state = auxiliaryLoads(m);
  state.history.push([m.now(), m.now() + state.boostSeconds * 1000]);
  if (state.history.length > MAX_HISTORY) state.history.shift();
  state.boost.forEach((driven, i) => {
    const s = state.switches[i];
    if (driven && s) {
      s.on = true;
      s.until = m.now() + state.boostSeconds * 1000;
    }
  });
}

const window: Handler<Esme> = (m, c) => {
  const b = body(c);
  const { register, from, to, script } = b;
  if (typeof register !== 'string' || typeof from !== 'string' || typeof to !== 'string' || typeof script !== 'number')
    throw new PayloadError('a window needs register, from, to and script', 'window');
  if (Date.parse(to) <= Date.parse(from)) throw new PayloadError('the window must end after it starts', 'to');
  auxiliaryLoads(m).windows.push({ variant: c.serviceRequest, register, from, to, script });
  return ok({ ...view(m), windows: auxiliaryLoads(m).windows.length });
};

const readSwitchData: Handler<Esme> = (m) => {
  const paired = [...joinDetails(m)]
    .filter(([device, d]) => d.deviceType === 'HCALCS' && m.joined.has(device))
    .map(([device]) => device);
  return ok({
    ...view(m),
    descriptions: [1, 2, 3, 4, 5].map((n) => `ALCS_${n}`),
    pairedDevices: [0, 1, 2, 3, 4].map((i) => paired[i] ?? null),
  });
};

export const AUXILIARY_LOAD_HANDLERS: HandlerTable<Esme> = {
  '7.5': switchLoad,
  '7.6': switchLoad,
  '7.8': switchLoad,
  '7.9': setBoost,
  '7.10': setBoost,
  // 7.12 Update boost duration (ECS38)
  '7.12': (m, c) => {
    const seconds = body(c).seconds;
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 1 || seconds > 0xffff)
      throw new PayloadError('seconds must be 1 to 65535', 'seconds');
    auxiliaryLoads(m).boostSeconds = seconds;
    return ok(view(m));
  },
  '7.13': window,
  '7.16': window,
  // 7.7 / 7.14 Read auxiliary load switch data (ECS61a, ECS61d): the devices joined as HCALCS
  // (CS03A1 device type 4) are the switches' paired devices, in join order.
  '7.7': readSwitchData,
  '7.14': readSwitchData,
  '7.15': readSwitchData,
  // 7.11 Read boost button data (ECS61c): whether a boost is running, the presses in the range.
  '7.11': (m, c) => {
    const b = c.payload === null ? {} : body(c);
    const from = typeof b.from === 'string' ? Date.parse(b.from) : -Infinity;
    const to = typeof b.to === 'string' ? Date.parse(b.to) : Infinity;
    const state = auxiliaryLoads(m);
    const now = m.now();
    return ok({
      boostActive: state.history.some(([start, end]) => start <= now && now < end),
      history: state.history
        .filter(([start]) => start >= from && start <= to)
        .map(([start, end]) => [new Date(start).toISOString(), new Date(end).toISOString()]),
      boost: [...state.boost],
    });
  },
};
