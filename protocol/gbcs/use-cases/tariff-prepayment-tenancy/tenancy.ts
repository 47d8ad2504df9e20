import type { PlainValue } from '../../../cbor.js';
import type { CommandContext, Outcome, UseCaseCodec } from '../use-case-codec.js';
import { UseCaseError } from '../use-case-codec.js';
import {
  bytesText,
  dateTimeBytes,
  fieldOf,
  instantOf,
  intField,
  item,
  num,
  numberOf,
  octets,
  octetsOf,
  textBytes,
} from './dlms-shape.js';
import { bytesAt, numAt, ZCL_EPOCH_MS, zclCommand, zclTime, type CommandRef, type FieldValue } from './gbz-shape.js';
import { dlmsUseCase, gbzUseCase } from './use-case-kinds.js';

/**
 * SRs 3.1-3.5, 9.1 and 14.1: messages, tenancy, event logs, supplier details, the privacy PIN, the
 * CIN and gas network data. Body fields, each named after what GBCS carries:
 * - 3.1 `{message, durationMinutes?}`: the text the meter shows (ECS10: data 0-2:96.13.1.255;
 *   GCS07: ZSE Display Message).
 * - 3.2 `{tenancyStart}` ms since the epoch (ECS12: 0-0:94.44.3.2, a date-time; GCS09: Publish
 *   Change of Tenancy's implementation time).
 * - 3.3 `{log?}`: `'event'` (default) or `'alcs'` on the ESME (ECS15a / ECS15c: the profile's
 *   `reset`); on the GSME `{logId?}`, the ZSE log id (3, the general event log, by default).
 * - 3.4 `{supplierName, supplierTelephone}` (ECS16: 0-0:96.13.1.255 / 0-0:96.13.0.255; GCS44:
 *   Publish Change of Supplier's proposed name and contact details).
 * - 3.5 `{}`: disable the privacy PIN (ECS14: 0-0:94.44.3.1 set empty; GCS11: a Request New
 *   Password Response with password type 2 and no password).
 * - 9.1 `{cin}`: the customer identification number (ECS50: 0-3:96.13.1.255; GCS36: Update CIN).
 * - 14.1 `{intervalSeconds, maxSamples, startAt?}` (GCS31: ZSE Start Sampling); the response
 *   tells `{sampleId}`.
 * A GBZ body may also carry `issuerEventId` (default: the DCC's clock as a ZCL time, as RTDS does).
 */

const ISSUER_EVENT_MAX = 0xffff_ffff;

function issuerEventId(body: PlainValue, ctx: CommandContext): number {
  return intField(body, 'issuerEventId', 0, ISSUER_EVENT_MAX, zclTime(ctx.now));
}

function withEvent(fields: ReadonlyMap<string, FieldValue>, rest: { readonly [k: string]: PlainValue }): PlainValue {
  return { ...rest, issuerEventId: numAt(fields, 'Issuer Event Id') };
}

function positive(value: number, field: string): number {
  if (value < 1) throw new UseCaseError(`${field} must be at least 1`, field);
  return value;
}

function msOfZclTime(seconds: number): number | undefined {
  return seconds === 0 ? undefined : ZCL_EPOCH_MS + seconds * 1000;
}

function instantField(body: PlainValue, key: string): number | undefined {
  const value = fieldOf(body, key);
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < ZCL_EPOCH_MS)
    throw new UseCaseError(`${key} must be ms since the epoch, from 2000`, key);
  return value;
}

// --- 3.1 Display Message ------------------------------------------------------------------------

const MESSAGE_MAX = 255;
const DURATION_UNTIL_CHANGED = 0xffff; // ZSE: shown until replaced

export const ECS10: UseCaseCodec = dlmsUseCase({
  useCase: 'ECS10',
  messageCode: 0x0021,
  variant: '3.1',
  device: 'ESME',
  items: [item('set', 1, '0-2:96.13.1.255', 2)],
  encode: (body) => [octets(textBytes(body, 'message', MESSAGE_MAX))],
  decode: ([d]) => ({ message: bytesText(octetsOf(d, 'message'), 'message') }),
});

const DISPLAY_MESSAGE: CommandRef = { clusterId: 0x0703, direction: 'serverToClient', commandId: 0x00 };

export const GCS07: UseCaseCodec = gbzUseCase({
  useCase: 'GCS07',
  messageCode: 0x0071,
  variant: '3.1',
  device: 'GSME',
  command: DISPLAY_MESSAGE,
  encode: (body, ctx) => ({
    'Message Id': issuerEventId(body, ctx),
    'Message Control': 0,
    'Start Time': 0,
    'Duration in Minutes': intField(body, 'durationMinutes', 1, DURATION_UNTIL_CHANGED, DURATION_UNTIL_CHANGED),
    Message: textBytes(body, 'message', MESSAGE_MAX),
  }),
  decode: ({ fields }) => ({
    message: bytesText(bytesAt(fields, 'Message'), 'message'),
    durationMinutes: positive(numAt(fields, 'Duration in Minutes'), 'Duration in Minutes'),
    issuerEventId: numAt(fields, 'Message Id'),
  }),
});

// --- 3.2 Restrict Access For Change Of Tenancy ----------------------------------------------------

export const ECS12: UseCaseCodec = dlmsUseCase({
  useCase: 'ECS12',
  messageCode: 0x0022,
  variant: '3.2',
  device: 'ESME',
  items: [item('set', 1, '0-0:94.44.3.2', 2)],
  encode: (body) => [octets(dateTimeBytes(intField(body, 'tenancyStart', 0, 8.64e15)))],
  decode: ([d]) => {
    const tenancyStart = instantOf(octetsOf(d, 'tenancyStart', 12), 'tenancyStart');
    if (tenancyStart === undefined || tenancyStart < 0)
      throw new UseCaseError('tenancyStart must name an instant from 1970', 'tenancyStart');
    return { tenancyStart };
  },
});

const CHANGE_OF_TENANCY: CommandRef = { clusterId: 0x0708, direction: 'serverToClient', commandId: 0x00 };
/** RTDS's Proposed Tenancy Change Control (bit 9); its meaning is not in the facts, so it is sent as seen. */
const TENANCY_CONTROL = 0x0200;

/**
 * GBCS sends GCS09 to the GPF (its message code's device), which keeps the GSME's logs for the
 * hub's users; smetsim's GSME holds the tenancy date itself, so this codec is the GSME's, and the
 * wire layer addresses it as the head-end routes any GSME command.
 */
export const GCS09: UseCaseCodec = gbzUseCase({
  useCase: 'GCS09',
  messageCode: 0x0072,
  variant: '3.2',
  device: 'GSME',
  command: CHANGE_OF_TENANCY,
  encode: (body, ctx) => ({
    'Provider Id': 0,
    'Issuer Event Id': issuerEventId(body, ctx),
    'Tariff Type': 0,
    'Implementation Date Time': zclTime(intField(body, 'tenancyStart', ZCL_EPOCH_MS, 8.64e15)),
    'Proposed Tenancy Change Control': TENANCY_CONTROL,
  }),
  decode: ({ fields }) => {
    const at = msOfZclTime(numAt(fields, 'Implementation Date Time'));
    if (at === undefined) throw new UseCaseError('tenancyStart must name an instant', 'Implementation Date Time');
    return withEvent(fields, { tenancyStart: at });
  },
});

// --- 3.3 Clear Event Log ----------------------------------------------------------------------------

const clearsAlcs = (body: PlainValue): boolean => fieldOf(body, 'log') === 'alcs';

export const ECS15A: UseCaseCodec = dlmsUseCase({
  useCase: 'ECS15a',
  messageCode: 0x0024,
  variant: '3.3',
  device: 'ESME',
  selects: (body) => !clearsAlcs(body),
  items: [item('action', 7, '0-0:99.98.0.255', 1)],
  encode: () => [num('integer', 0)],
  decode: ([d]) => {
    numberOf(d, 'integer', 'reset');
    return { log: 'event' };
  },
});

export const ECS15C: UseCaseCodec = dlmsUseCase({
  useCase: 'ECS15c',
  messageCode: 0x00c1,
  variant: '3.3',
  device: 'ESME',
  selects: clearsAlcs,
  items: [item('action', 7, '0-17:99.98.2.255', 1)],
  encode: () => [num('integer', 0)],
  decode: ([d]) => {
    numberOf(d, 'integer', 'reset');
    return { log: 'alcs' };
  },
});

const CLEAR_LOG: CommandRef = { clusterId: 0x0709, direction: 'clientToServer', commandId: 0x01 };
const CLEAR_LOG_RESPONSE: CommandRef = { clusterId: 0x0709, direction: 'serverToClient', commandId: 0x02 };
/** ZSE Log Id 3: the general event log, the one RTDS clears. */
const GENERAL_EVENT_LOG = 3;
const LOG_ID_MAX = 7;

/** Answered by Clear Event Log Response: a bitmap with bit `logId` set for each log cleared (RTDS: 8 for log 3). */
export const CS11: UseCaseCodec = gbzUseCase({
  useCase: 'CS11',
  messageCode: 0x0015,
  variant: '3.3',
  device: 'GSME',
  command: CLEAR_LOG,
  encode: (body) => ({ 'Log Id': intField(body, 'logId', 0, LOG_ID_MAX, GENERAL_EVENT_LOG) }),
  decode: ({ fields }) => {
    const logId = numAt(fields, 'Log Id');
    if (logId > LOG_ID_MAX) throw new UseCaseError(`Log Id must be 0..${LOG_ID_MAX}`, 'Log Id');
    return { logId };
  },
  response: {
    encode: (outcome, ctx) => {
      const asked =
        ctx.command.kind === 'gbz' && ctx.command.gbz.form === 'frame'
          ? ctx.command.gbz.components[0]?.payload
          : undefined;
      const logId =
        asked?.kind === 'clusterCommand' && typeof asked.fields[0]?.value === 'number'
          ? asked.fields[0].value
          : GENERAL_EVENT_LOG;
      return zclCommand(CLEAR_LOG_RESPONSE, {
        'Cleared Event Logs': outcome.status === 'OK' ? (1 << Math.min(logId, LOG_ID_MAX)) & 0xff : 0,
      });
    },
    decode: (component) => {
      if (
        !component ||
        component.encrypted ||
        component.payload.kind !== 'clusterCommand' ||
        component.payload.name !== 'Clear Event Log Response'
      )
        throw new UseCaseError('CS11: expected the Clear Event Log Response', 'gbz.component');
      const cleared = component.payload.fields[0]?.value;
      if (typeof cleared !== 'number') throw new UseCaseError('Cleared Event Logs must be a bitmap', 'gbz.component');
      return cleared === 0
        ? { status: 'INVALID_STATE', payload: { clearedLogs: 0 } }
        : { status: 'OK', payload: { clearedLogs: cleared } };
    },
  },
});

// --- 3.4 Update Supplier Name (contact details) ------------------------------------------------------

const NAME_MAX = 64;

export const ECS16: UseCaseCodec = dlmsUseCase({
  useCase: 'ECS16',
  messageCode: 0x0025,
  variant: '3.4',
  device: 'ESME',
  items: [item('set', 9000, '0-0:96.13.0.255', 2), item('set', 9000, '0-0:96.13.1.255', 2)],
  encode: (body) => [
    octets(textBytes(body, 'supplierTelephone', NAME_MAX)),
    octets(textBytes(body, 'supplierName', NAME_MAX)),
  ],
  decode: ([tel, name]) => ({
    supplierName: bytesText(octetsOf(name, 'supplierName'), 'supplierName', NAME_MAX),
    supplierTelephone: bytesText(octetsOf(tel, 'supplierTelephone'), 'supplierTelephone', NAME_MAX),
  }),
});

const CHANGE_OF_SUPPLIER: CommandRef = { clusterId: 0x0708, direction: 'serverToClient', commandId: 0x01 };
/** RTDS's Provider Change Control (bits 11 and 12); sent as seen, its meaning is not in the facts. */
const SUPPLIER_CONTROL = 0x1800;

export const GCS44: UseCaseCodec = gbzUseCase({
  useCase: 'GCS44',
  messageCode: 0x0088,
  variant: '3.4',
  device: 'GSME',
  command: CHANGE_OF_SUPPLIER,
  encode: (body, ctx) => ({
    'Current Provider Id': 0,
    'Issuer Event Id': issuerEventId(body, ctx),
    'Tariff Type': 0,
    'Proposed Provider Id': 0,
    'Provider Change Implementation Time': 0,
    'Provider Change Control': SUPPLIER_CONTROL,
    'Proposed Provider Name': textBytes(body, 'supplierName', NAME_MAX),
    'Proposed Provider Contact Details': textBytes(body, 'supplierTelephone', NAME_MAX),
  }),
  decode: ({ fields }) =>
    withEvent(fields, {
      supplierName: bytesText(bytesAt(fields, 'Proposed Provider Name'), 'supplierName', NAME_MAX),
      supplierTelephone: bytesText(bytesAt(fields, 'Proposed Provider Contact Details'), 'supplierTelephone', NAME_MAX),
    }),
});

// --- 3.5 Disable Privacy PIN -------------------------------------------------------------------------

export const ECS14: UseCaseCodec = dlmsUseCase({
  useCase: 'ECS14',
  messageCode: 0x0023,
  variant: '3.5',
  device: 'ESME',
  items: [item('set', 1, '0-0:94.44.3.1', 2)],
  encode: () => [octets(new Uint8Array(0))],
  decode: ([d]) => {
    if (octetsOf(d, 'pin').length !== 0) throw new UseCaseError('3.5 sets the PIN to nothing', 'pin');
    return {};
  },
});

const NEW_PASSWORD: CommandRef = { clusterId: 0x0708, direction: 'serverToClient', commandId: 0x02 };
/** ZSE Password Type 2: the consumer's password (the privacy PIN), as RTDS sends it. */
const CONSUMER_PASSWORD = 2;

export const GCS11: UseCaseCodec = gbzUseCase({
  useCase: 'GCS11',
  messageCode: 0x0073,
  variant: '3.5',
  device: 'GSME',
  command: NEW_PASSWORD,
  encode: (body, ctx) => ({
    'Issuer Event Id': issuerEventId(body, ctx),
    'Implementation Date Time': 0,
    'Duration in Minutes': 0,
    'Password Type': CONSUMER_PASSWORD,
    Password: new Uint8Array(0),
  }),
  decode: ({ fields }) => {
    if (numAt(fields, 'Password Type') !== CONSUMER_PASSWORD || bytesAt(fields, 'Password').length !== 0)
      throw new UseCaseError('3.5 clears the consumer password (type 2, empty)', 'Password');
    return withEvent(fields, {});
  },
});

// --- 9.1 Request Customer Identification Number -------------------------------------------------------

const CIN_MAX = 16;

export const ECS50: UseCaseCodec = dlmsUseCase({
  useCase: 'ECS50',
  messageCode: 0x0058,
  variant: '9.1',
  device: 'ESME',
  items: [item('set', 1, '0-3:96.13.1.255', 2)],
  encode: (body) => [octets(textBytes(body, 'cin', CIN_MAX))],
  decode: ([d]) => ({ cin: bytesText(octetsOf(d, 'cin'), 'cin', CIN_MAX) }),
});

const UPDATE_CIN: CommandRef = { clusterId: 0x0708, direction: 'serverToClient', commandId: 0x06 };

export const GCS36: UseCaseCodec = gbzUseCase({
  useCase: 'GCS36',
  messageCode: 0x0083,
  variant: '9.1',
  device: 'GSME',
  command: UPDATE_CIN,
  encode: (body, ctx) => ({
    'Issuer Event Id': issuerEventId(body, ctx),
    'CIN Implementation Time': 0,
    'Provider Id': 0,
    'Customer Id Number': textBytes(body, 'cin', CIN_MAX),
  }),
  decode: ({ fields }) => withEvent(fields, { cin: bytesText(bytesAt(fields, 'Customer Id Number'), 'cin', CIN_MAX) }),
});

// --- 14.1 Record Network Data (GAS) --------------------------------------------------------------------

const START_SAMPLING: CommandRef = { clusterId: 0x0702, direction: 'clientToServer', commandId: 0x07 };
const SAMPLING_RESPONSE: CommandRef = { clusterId: 0x0702, direction: 'serverToClient', commandId: 0x0d };
/** ZSE: Sample Id 0xFFFF says the sampling was refused (RTDS ERROR). */
const NO_SAMPLE = 0xffff;

export const GCS31: UseCaseCodec = gbzUseCase({
  useCase: 'GCS31',
  messageCode: 0x0080,
  variant: '14.1',
  device: 'GSME',
  command: START_SAMPLING,
  encode: (body, ctx) => ({
    'Issuer Event Id': issuerEventId(body, ctx),
    'Start Sampling Time': zclTime(instantField(body, 'startAt')),
    'Sample Type': 0,
    'Sample Request Interval': intField(body, 'intervalSeconds', 1, 0xffff),
    'Max Number of Samples': intField(body, 'maxSamples', 1, 0xffff),
  }),
  decode: ({ fields }) => {
    const startAt = msOfZclTime(numAt(fields, 'Start Sampling Time'));
    if (numAt(fields, 'Sample Type') !== 0)
      throw new UseCaseError('Sample Type must be 0 (consumption)', 'Sample Type');
    return withEvent(fields, {
      intervalSeconds: positive(numAt(fields, 'Sample Request Interval'), 'Sample Request Interval'),
      maxSamples: positive(numAt(fields, 'Max Number of Samples'), 'Max Number of Samples'),
      ...(startAt === undefined ? {} : { startAt }),
    });
  },
  response: {
    encode: (outcome) => {
      const id = outcome.status === 'OK' ? fieldOf(outcome.payload, 'sampleId') : undefined;
      return zclCommand(SAMPLING_RESPONSE, { 'Sample Id': typeof id === 'number' ? id : NO_SAMPLE });
    },
    decode: (component): Outcome => {
      if (!component || component.encrypted || component.payload.kind !== 'clusterCommand')
        throw new UseCaseError('GCS31: expected the Start Sampling Response', 'gbz.component');
      if (component.payload.name !== 'Start Sampling Response')
        throw new UseCaseError('GCS31: expected the Start Sampling Response', 'gbz.component');
      const id = component.payload.fields[0]?.value;
      if (typeof id !== 'number') throw new UseCaseError('Sample Id must be a number', 'Sample Id');
      return id === NO_SAMPLE ? { status: 'INVALID_STATE', payload: {} } : { status: 'OK', payload: { sampleId: id } };
    },
  },
});
