import type { ObisCode } from './obis-code.js';

/**
 * The use-case meaning of DLMS payloads: which COSEM object (class id + OBIS instance) a use case
 * touches, and which attribute or method of it. The generic codec (apdu.ts, data.ts) needs none of
 * this; the CLI, the device models and the head-end look objects up here. It is a seed: it grows
 * as the ESME and CHF models learn use cases.
 *
 * Sources: every instance below is one that RTDS 4.5.0 addresses in the named use case (the
 * request specifications of its `_COMMAND_` files, GBCS-FACTS §8.2, §11, §12); the object names
 * follow SmartDCC gbcs-parser's `classes` map in src/dlms.ts (facts only); class, attribute and
 * method numbers of the standard interface classes are DLMS IEC 62056-6-2 (attribute 1 is always
 * logical_name). Names marked [unconfirmed] are not in either source and come from DLMS usage.
 */

/** COSEM interface class ids the ESME and CHF use cases use (GBCS-FACTS §8.5). */
export const COSEM_CLASS = {
  data: 1,
  register: 3,
  profileGeneric: 7,
  clock: 8,
  scriptTable: 9,
  schedule: 10,
  specialDaysTable: 11,
  activityCalendar: 20,
  registerMonitor: 21,
  singleActionSchedule: 22,
  dataProtection: 30,
  zigbeeNetworkControl: 104,
  account: 111,
  credit: 112,
  charge: 113,
  tokenGateway: 115,
  gbcsExtendedData: 9000,
} as const;

export type CosemClassName = keyof typeof COSEM_CLASS;

export interface CosemObject {
  readonly classId: (typeof COSEM_CLASS)[CosemClassName];
  readonly instance: ObisCode;
  readonly attributes?: Readonly<Record<string, number>>;
  readonly methods?: Readonly<Record<string, number>>;
  /** Use cases whose RTDS commands address this object (GBCS message-code names, §5). */
  readonly useCases: readonly string[];
}

export const COSEM_OBJECTS = {
  /** ECS17a: read export energy registers (Register IC 3: 2 value, 3 scaler_unit). */
  activeExportRegister: {
    classId: COSEM_CLASS.register,
    instance: '1-0:2.8.0.255',
    attributes: { value: 2, scalerUnit: 3 },
    useCases: ['ECS17a'],
  },
  reactiveExportRegister: {
    classId: COSEM_CLASS.register,
    instance: '1-0:4.8.0.255',
    attributes: { value: 2, scalerUnit: 3 },
    useCases: ['ECS17a'],
  },
  /**
   * ECS17b: read import energy registers. The command invokes get-protected-attributes (method 1)
   * of this Data Protection object; the response carries the registers encrypted (§6.5, §11).
   */
  importRegisterCollection: {
    classId: COSEM_CLASS.dataProtection,
    instance: '0-0:43.2.8.255',
    methods: { getProtectedAttributes: 1 },
    useCases: ['ECS17b'],
  },
  /**
   * The object ECS17b's object list names (class 1, attribute 2, §12). Its value, decrypted, is a
   * structure {active import value, {scaler, unit}, reactive import value, {scaler, unit}} (§11).
   * The name is [unconfirmed]: the parser does not name this instance.
   */
  importEnergyRegisters: {
    classId: COSEM_CLASS.data,
    instance: '0-0:94.44.34.10',
    attributes: { value: 2 },
    useCases: ['ECS17b'],
  },
  /** ECS17c: read power registers. */
  powerImportCollection: {
    classId: COSEM_CLASS.data,
    instance: '0-0:94.44.34.20',
    attributes: { value: 2 },
    useCases: ['ECS17c'],
  },
  /** ECS17d: read TOU registers (protected, like ECS17b). */
  tariffTouRegisterCollection: {
    classId: COSEM_CLASS.dataProtection,
    instance: '0-0:43.2.9.255',
    methods: { getProtectedAttributes: 1 },
    useCases: ['ECS17d'],
  },
  /** ECS17e: read TOU-with-blocks registers (protected). */
  tariffBlockTouRegisterCollection: {
    classId: COSEM_CLASS.dataProtection,
    instance: '0-0:43.2.10.255',
    methods: { getProtectedAttributes: 1 },
    useCases: ['ECS17e'],
  },
  /** ECS04a: adjust meter balance (Credit IC 112, method 1 update_amount). */
  meterBalance: {
    classId: COSEM_CLASS.credit,
    instance: '0-0:19.10.0.255',
    methods: { updateAmount: 1 },
    useCases: ['ECS04a'],
  },
  /** CS01a: prepayment top-up (Token Gateway IC 115, method 1 enter). */
  prepaymentCredit: {
    classId: COSEM_CLASS.tokenGateway,
    instance: '0-0:19.40.0.255',
    methods: { enter: 1 },
    useCases: ['CS01a'],
  },
  /** ECS70: read / set the clock (Clock IC 8: attribute 2 time; 4 adjust_to_preset_time, 5 preset_adjusting_time). */
  clock: {
    classId: COSEM_CLASS.clock,
    instance: '0-0:1.0.0.255',
    attributes: { time: 2 },
    methods: { adjustToPresetTime: 4, presetAdjustingTime: 5 },
    useCases: ['ECS70'],
  },
  /** CCS01-CCS07: the CHF device log (ZigBee Network Control IC 104). */
  chfDeviceLog: {
    classId: COSEM_CLASS.zigbeeNetworkControl,
    instance: '0-0:30.3.0.255',
    attributes: { enableDisableJoining: 2, joinTimeout: 3, activeDevices: 4 },
    methods: { registerDevice: 1, unregisterDevice: 2, backupPan: 4, restorePan: 5 },
    useCases: ['CCS01', 'CCS02', 'CCS03', 'CCS04', 'CCS05', 'CCS06', 'CCS07'],
  },
} as const satisfies Record<string, CosemObject>;

export type CosemObjectName = keyof typeof COSEM_OBJECTS;

/** The table entry for a class id and instance, if the seed has one. */
export function cosemObjectFor(classId: number, instance: string): [CosemObjectName, CosemObject] | undefined {
  for (const [name, object] of Object.entries(COSEM_OBJECTS) as [CosemObjectName, CosemObject][])
    if (object.classId === classId && object.instance === instance) return [name, object];
  return undefined;
}

/** The name of a class id, if the table knows it. */
export function cosemClassName(classId: number): CosemClassName | undefined {
  return (Object.keys(COSEM_CLASS) as CosemClassName[]).find((name) => COSEM_CLASS[name] === classId);
}
