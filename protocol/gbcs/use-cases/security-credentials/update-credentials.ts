import type { PlainValue } from '../../../cbor.js';
import type { DeviceStatus } from '../../../device-status.js';
import type { DeviceType } from '../../../device-type.js';
import { euiToBytes, formatEuiBytes, parseEui } from '../../../eui.js';
import type { ServiceReferenceVariant } from '../../../catalogue.js';
import { isCertificate, type DerNode } from '../../asn1/index.js';
import type { GbcsPayload } from '../../payload.js';
import {
  UseCaseError,
  type CommandContext,
  type Outcome,
  type ResponseContext,
  type UseCaseCodec,
} from '../use-case-codec.js';
import { buildCertificate, keyIdOf, readCertificate } from './certificate.js';
import {
  der,
  derRoot,
  enumerated,
  explicitTag,
  generalizedTime,
  implicitInt,
  implicitTag,
  int,
  integer,
  isNull,
  NULL,
  octetString,
  octets,
  seq,
  sequence,
  small,
  tagged,
  timeOf,
} from './der-fields.js';
import {
  CELL_KEYS,
  cellNode,
  readCell,
  REMOTE_PARTY_ROLE,
  type CellKey,
  type RemotePartyRoleName,
} from './trust-cells.js';

/**
 * CS02b Update Security Credentials (GBCS-FACTS §10; field order from the RTDS CS02b folders):
 *
 *     SEQUENCE { AuthorisingRemotePartyControl, replacements SEQUENCE OF TrustAnchorReplacement,
 *                certificationPathCertificates SEQUENCE OF Certificate, executionDateTime OPTIONAL }
 *     AuthorisingRemotePartyControl ::= SEQUENCE { credentialsReplacementMode INTEGER,
 *       [0] plaintextSymmetricKey OPTIONAL, [1] applyTimeBasedCpvChecks OPTIONAL,
 *       [2] authorisingRemotePartyTACellIdentifier OPTIONAL, [3] authorisingRemotePartySeqNumber,
 *       [4] newRemotePartyFloorSeqNumber OPTIONAL, [5] newRemotePartySpecialistFloorSeqNumber OPTIONAL,
 *       [6] otherRemotePartySeqNumberChanges OPTIONAL }
 *     TrustAnchorReplacement ::= SEQUENCE { Certificate, targetTACell TrustAnchorCellIdentifier }
 *
 * Response: SEQUENCE { NULL (command accepted), ExecutionOutcome OPTIONAL (absent when the command
 * is future-dated: the outcome then comes in the 0x8F66/0x8F67 alert) }, ExecutionOutcome ::=
 * SEQUENCE { authorising seq number, mode, remotePartySeqNumberChanges SEQUENCE OF SEQUENCE { role,
 * floor, [SEQUENCE OF specialist floor] }, replacementOutcomes SEQUENCE OF SEQUENCE { cell, status
 * ENUMERATED, existing subject id, existing key id, replacing subject id, replacing key id } }.
 *
 * The body (what the meters' handlers read; 6.23's is the one the DCC builds in
 * dcc-head-end/service-request-table.ts):
 *
 *     { supplier | networkOperator: { eui, ds?, ka?, prepaymentKa? },   // P-256 points
 *       counterFloor: "decimal",        // the new party's floor, [4] or [6]
 *       authorisingCounter?: "decimal"  // input only: [3]; the DCC's clock in ms when absent
 *     }
 *
 * One certificate per key; its subject unique id is the party's EUI. Status codes per replacement:
 * 0 success, 5 bad certificate, 10 no trust anchor, 17 insufficient memory, 25 trust anchor not
 * found, 30 resources busy, 127 other.
 */
export const CS02B_MODE = {
  SupplierBySupplier: 2,
  NetworkOperatorByNetworkOperator: 3,
  SupplierByTransCoS: 7,
} as const;
export type Cs02bMode = keyof typeof CS02B_MODE;

/** The role replaced and the role authorising, per mode (GBCS credentialsReplacementMode). */
const MODE_ROLES: Readonly<Record<Cs02bMode, { target: RemotePartyRoleName; by: RemotePartyRoleName }>> = {
  SupplierBySupplier: { target: 'supplier', by: 'supplier' },
  NetworkOperatorByNetworkOperator: { target: 'networkOperator', by: 'networkOperator' },
  SupplierByTransCoS: { target: 'supplier', by: 'transitionalCoS' },
};

/** The body's field for a role: `supplier` or `networkOperator`. */
export const bodyFieldOf = (mode: Cs02bMode): 'supplier' | 'networkOperator' =>
  MODE_ROLES[mode].target === 'supplier' ? 'supplier' : 'networkOperator';

export const REPLACEMENT_STATUS = {
  success: 0,
  badCertificate: 5,
  noTrustAnchor: 10,
  insufficientMemory: 17,
  trustAnchorNotFound: 25,
  resourcesBusy: 30,
  other: 127,
} as const;
const STATUS_CODES: readonly number[] = Object.values(REPLACEMENT_STATUS);

/** GBCS's far-future execution time that cancels a pending future-dated CS02b (RTDS CANCELLATION). */
export const CANCELLATION_TIME = Date.UTC(9999, 11, 31, 23, 59, 59);

type Map = { readonly [key: string]: PlainValue };

function asRecord(v: PlainValue | undefined, field: string): Map {
  if (v === null || v === undefined || typeof v !== 'object' || Array.isArray(v) || v instanceof Uint8Array)
    throw new UseCaseError(`${field} must be a map`, field);
  return v as Map;
}

function decimal(v: PlainValue | undefined, field: string, fallback?: bigint): bigint {
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== 'string' || !/^\d{1,20}$/.test(v))
    throw new UseCaseError(`${field} must be a decimal string`, field);
  const n = BigInt(v);
  if (n > 0xffff_ffff_ffff_ffffn) throw new UseCaseError(`${field} is over 2^64 - 1`, field);
  return n;
}

function euiBytes(v: PlainValue | undefined, field: string): Uint8Array {
  try {
    if (typeof v !== 'string') throw new Error();
    return euiToBytes(parseEui(v, field));
  } catch {
    throw new UseCaseError(`${field} must be an EUI-64`, field);
  }
}

function point(v: PlainValue | undefined, field: string): Uint8Array {
  if (!(v instanceof Uint8Array) || v.length !== 65 || v[0] !== 0x04)
    throw new UseCaseError(`${field} must be a 65-byte uncompressed P-256 point`, field);
  return v;
}

/** [4]/[5]/[6]: the new party's floor, and for a supplier its prepayment (specialist) floor of 0. */
function floorFields(mode: Cs02bMode, floor: bigint): DerNode[] {
  const specialist = sequence(sequence(integer(0), integer(0)));
  const supplier = MODE_ROLES[mode].target === 'supplier';
  if (mode === 'SupplierByTransCoS')
    return [explicitTag(6, [sequence(integer(REMOTE_PARTY_ROLE.supplier), integer(floor), specialist)])];
  const out = [implicitTag(4, floor)];
  if (supplier) out.push(explicitTag(5, [sequence(integer(0), integer(0))]));
  return out;
}

export function encodeUpdateCommand(mode: Cs02bMode, body: PlainValue, ctx: CommandContext): GbcsPayload {
  const b = asRecord(body, 'body');
  const field = bodyFieldOf(mode);
  const party = asRecord(b[field], field);
  const entityId = euiBytes(party.eui, `${field}.eui`);
  const floor = decimal(b.counterFloor, 'counterFloor', 0n);
  const counter = decimal(b.authorisingCounter, 'authorisingCounter', BigInt(Math.max(0, Math.trunc(ctx.now))));
  const roles = MODE_ROLES[mode];
  const replacements: DerNode[] = [];
  let serial = 1n;
  for (const key of CELL_KEYS) {
    if (party[key] === undefined) continue;
    const p = point(party[key], `${field}.${key}`);
    const cert = buildCertificate(entityId, p, key === 'ds' ? 'ds' : 'ka', serial++);
    replacements.push(sequence(cert, cellNode({ role: roles.target, key })));
  }
  if (replacements.length === 0) throw new UseCaseError(`${field} must carry ds, ka or prepaymentKa`, field);
  const control = sequence(
    integer(CS02B_MODE[mode]),
    explicitTag(2, [
      integer(REMOTE_PARTY_ROLE[roles.by]),
      { type: 'bitString', unusedBits: 7, bytes: Uint8Array.of(0x80) },
    ]),
    implicitTag(3, counter),
    ...floorFields(mode, floor),
  );
  const items = [control, sequence(...replacements), sequence()];
  if (ctx.executeAt !== undefined) items.push(generalizedTime(ctx.executeAt));
  return der(sequence(...items));
}

/** What a CS02b command says, read strictly. */
export interface UpdateCommand {
  readonly mode: number;
  readonly authorisingCounter: bigint;
  readonly floor?: bigint;
  readonly replacements: readonly {
    readonly cell: ReturnType<typeof readCell>;
    readonly cert: ReturnType<typeof readCertificate>;
  }[];
  readonly executionTime?: number;
}

function readControl(n: DerNode | undefined): { mode: number; counter: bigint; floor?: bigint } {
  const items = seq(n, 'control', 2, 8);
  const mode = small(items[0], 'control.credentialsReplacementMode', [2, 3, 4, 5, 6, 7, 8, 9]);
  let i = 1;
  const next = (tag: number) => {
    const t = tagged(items[i], tag);
    if (t !== undefined) i++;
    return t;
  };
  const key = next(0);
  if (key !== undefined && (key.type !== 'tagged' || key.constructed))
    throw new UseCaseError('control[0] must be primitive', 'control.plaintextSymmetricKey');
  const cpv = next(1);
  if (cpv !== undefined) {
    const v = implicitInt(cpv, 'control.applyTimeBasedCpvChecks');
    if (v > 1n)
      throw new UseCaseError('control.applyTimeBasedCpvChecks must be 0 or 1', 'control.applyTimeBasedCpvChecks');
  }
  const cell = next(2);
  if (cell !== undefined) {
    if (cell.type !== 'tagged' || !cell.constructed)
      throw new UseCaseError('control[2] must be constructed', 'control.authorisingCell');
    readCell(sequence(...cell.children), 'control.authorisingCell');
  }
  const seqNo = next(3);
  if (seqNo === undefined)
    throw new UseCaseError('control must carry [3] the authorising seq number', 'control.authorisingSeqNumber');
  const counter = implicitInt(seqNo, 'control.authorisingSeqNumber');
  const f4 = next(4);
  let floor = f4 === undefined ? undefined : implicitInt(f4, 'control.newFloorSeqNumber');
  const f5 = next(5);
  if (f5 !== undefined) {
    if (f5.type !== 'tagged' || !f5.constructed)
      throw new UseCaseError('control[5] must be constructed', 'control.specialistFloor');
    for (const s of f5.children) {
      const [usage, value] = seq(s, 'control.specialistFloor', 2, 2);
      small(usage, 'control.specialistFloor.usage', [0]);
      int(value, 'control.specialistFloor.seqNumber');
    }
  }
  const f6 = next(6);
  if (f6 !== undefined) {
    if (f6.type !== 'tagged' || !f6.constructed)
      throw new UseCaseError('control[6] must be constructed', 'control.otherChanges');
    for (const change of f6.children) {
      const c = seq(change, 'control.otherChanges', 2, 3);
      int(c[0], 'control.otherChanges.role', 127n);
      const v = int(c[1], 'control.otherChanges.floor');
      if (c[2] !== undefined)
        for (const s of seq(c[2], 'control.otherChanges.specialist'))
          seq(s, 'control.otherChanges.specialist', 2, 2).forEach((x, k) =>
            int(x, `control.otherChanges.specialist[${k}]`),
          );
      floor ??= v;
    }
  }
  if (i !== items.length) throw new UseCaseError(`control has an unexpected item ${i}`, `control[${i}]`);
  return { mode, counter, ...(floor === undefined ? {} : { floor }) };
}

export function readUpdateCommand(payload: GbcsPayload): UpdateCommand {
  const items = seq(derRoot(payload, 'command'), 'command', 3, 4);
  const control = readControl(items[0]);
  const replacements = seq(items[1], 'replacements', 1, 8).map((r, k) => {
    const [cert, cell] = seq(r, `replacements[${k}]`, 2, 2);
    return {
      cert: readCertificate(cert, `replacements[${k}].certificate`),
      cell: readCell(cell, `replacements[${k}].cell`),
    };
  });
  // The path certificates (Organisation CA) name no device entity: only their outline is checked.
  seq(items[2], 'certificationPath', 0, 4).forEach((c, k) => {
    if (!isCertificate(c))
      throw new UseCaseError(`certificationPath[${k}] must be a certificate`, `certificationPath[${k}]`);
  });
  const executionTime = items[3] === undefined ? undefined : timeOf(items[3], 'executionDateTime');
  return {
    mode: control.mode,
    authorisingCounter: control.counter,
    ...(control.floor === undefined ? {} : { floor: control.floor }),
    replacements,
    ...(executionTime === undefined ? {} : { executionTime }),
  };
}

export function decodeUpdateCommand(mode: Cs02bMode, payload: GbcsPayload): PlainValue {
  const c = readUpdateCommand(payload);
  if (c.mode !== CS02B_MODE[mode])
    throw new UseCaseError(
      `credentialsReplacementMode ${c.mode} is not ${CS02B_MODE[mode]} (${mode})`,
      'control.credentialsReplacementMode',
    );
  const target = MODE_ROLES[mode].target;
  const party: Record<string, PlainValue> = {};
  for (const [k, r] of c.replacements.entries()) {
    if (r.cell.role !== target)
      throw new UseCaseError(
        `replacements[${k}] targets ${r.cell.role}, not ${target}`,
        `replacements[${k}].cell.role`,
      );
    if (party[r.cell.key] !== undefined)
      throw new UseCaseError(`replacements[${k}] repeats the ${r.cell.key} cell`, `replacements[${k}].cell`);
    const eui = formatEuiBytes(r.cert.entityId);
    if (party.eui !== undefined && party.eui !== eui)
      throw new UseCaseError(`replacements[${k}] is for another party`, `replacements[${k}].certificate.subject`);
    party.eui = eui;
    party[r.cell.key] = Uint8Array.from(r.cert.point);
  }
  const ordered: Record<string, PlainValue> = { eui: party.eui! };
  for (const key of CELL_KEYS) if (party[key] !== undefined) ordered[key] = party[key];
  return { [bodyFieldOf(mode)]: ordered, counterFloor: (c.floor ?? 0n).toString() };
}

/** When a CS02b command is to run (ms), or undefined for at once: the wire layer's executeAt. */
export function updateExecutionTime(payload: GbcsPayload): number | undefined {
  return readUpdateCommand(payload).executionTime;
}

/**
 * One replaced cell, as the handlers report it and the response carries it: which cell, its
 * status, and the subject ids and key ids before and after (unchanged on failure).
 */
export interface ReplacementReport {
  readonly cell: CellKey;
  readonly status: number;
  readonly existingEui: string;
  readonly existingKeyId: Uint8Array;
  readonly replacingEui: string;
  readonly replacingKeyId: Uint8Array;
}

export function replacementReport(
  cell: CellKey,
  status: number,
  existing: { eui: string; point?: Uint8Array } | undefined,
  replacing: { eui: string; point: Uint8Array },
): ReplacementReport {
  const before = existing ?? replacing;
  const beforePoint = existing?.point ?? replacing.point;
  return {
    cell,
    status,
    existingEui: before.eui,
    existingKeyId: keyIdOf(beforePoint),
    replacingEui: status === 0 ? replacing.eui : before.eui,
    replacingKeyId: status === 0 ? keyIdOf(replacing.point) : keyIdOf(beforePoint),
  };
}

function reportsOf(payload: PlainValue): readonly Map[] {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload) || payload instanceof Uint8Array)
    return [];
  const r = (payload as Map).replacements;
  return Array.isArray(r)
    ? r.filter((x): x is Map => typeof x === 'object' && x !== null && !Array.isArray(x) && !(x instanceof Uint8Array))
    : [];
}

const bytes8 = (v: PlainValue | undefined): Uint8Array =>
  v instanceof Uint8Array && v.length === 8 ? v : new Uint8Array(8);
const euiOr = (v: PlainValue | undefined): Uint8Array => {
  try {
    return typeof v === 'string' ? euiToBytes(parseEui(v)) : new Uint8Array(8);
  } catch {
    return new Uint8Array(8);
  }
};

/** The ExecutionOutcome of an executed CS02b (also the body of its 0x8F66/0x8F67 alert). */
export function executionOutcome(mode: Cs02bMode, outcome: Outcome, command: GbcsPayload): DerNode {
  const c = readUpdateCommand(command);
  const target = MODE_ROLES[mode].target;
  const p = (outcome.payload ?? {}) as Map;
  const floor =
    typeof p.counterFloor === 'string' && /^\d{1,20}$/.test(p.counterFloor) ? BigInt(p.counterFloor) : (c.floor ?? 0n);
  const change = [integer(REMOTE_PARTY_ROLE[target]), integer(floor)];
  if (target === 'supplier') change.push(sequence(sequence(integer(0), integer(0))));
  const reports = reportsOf(outcome.payload);
  const outcomes = c.replacements.map((r, k) => {
    const rep = reports[k];
    const status =
      rep !== undefined && typeof rep.status === 'number' && STATUS_CODES.includes(rep.status)
        ? rep.status
        : outcome.status === 'OK'
          ? 0
          : REPLACEMENT_STATUS.other;
    return sequence(
      cellNode(r.cell),
      enumerated(status),
      octetString(rep ? euiOr(rep.existingEui) : r.cert.entityId),
      octetString(rep ? bytes8(rep.existingKeyId) : r.cert.keyId),
      octetString(rep ? euiOr(rep.replacingEui) : r.cert.entityId),
      octetString(rep ? bytes8(rep.replacingKeyId) : r.cert.keyId),
    );
  });
  return sequence(integer(c.authorisingCounter), integer(c.mode), sequence(sequence(...change)), sequence(...outcomes));
}

export function encodeUpdateResponse(mode: Cs02bMode, outcome: Outcome, ctx: ResponseContext): GbcsPayload {
  // A future-dated command is only accepted now (RTDS FUTURE_DATED RESPONSE: SEQUENCE { NULL }).
  if (outcome.status === 'SCHEDULED') return der(sequence(NULL));
  let c: UpdateCommand | undefined;
  try {
    c = readUpdateCommand(ctx.command);
  } catch {
    c = undefined;
  }
  // A command the device could not read at all has no cells to report: the DER error INTEGER (127 other).
  if (c === undefined) return der(integer(REPLACEMENT_STATUS.other));
  return der(sequence(NULL, executionOutcome(mode, outcome, ctx.command)));
}

export function readExecutionOutcome(mode: Cs02bMode, n: DerNode | undefined, field: string): Outcome {
  const [counter, m, changes, outcomes] = seq(n, field, 4, 4);
  int(counter, `${field}.authorisingSeqNumber`);
  small(m, `${field}.mode`, [CS02B_MODE[mode]]);
  let floor = 0n;
  for (const ch of seq(changes, `${field}.seqNumberChanges`)) {
    const items = seq(ch, `${field}.seqNumberChanges[]`, 2, 3);
    int(items[0], `${field}.seqNumberChanges.role`, 127n);
    floor = int(items[1], `${field}.seqNumberChanges.floor`);
  }
  let ok = true;
  let party: string | undefined;
  const replacements = seq(outcomes, `${field}.replacementOutcomes`).map((o, k) => {
    const f = `${field}.replacementOutcomes[${k}]`;
    const [cell, status, exId, exKey, reId, reKey] = seq(o, f, 6, 6);
    const c = readCell(cell, `${f}.cell`);
    const s = small(status, `${f}.status`, STATUS_CODES);
    if (s !== 0) ok = false;
    const replacingEui = formatEuiBytes(octets(reId, `${f}.replacingSubjectId`, 8));
    party ??= replacingEui;
    return {
      cell: c.key,
      status: s,
      existingEui: formatEuiBytes(octets(exId, `${f}.existingSubjectId`, 8)),
      existingKeyId: octets(exKey, `${f}.existingKeyId`, 8),
      replacingEui,
      replacingKeyId: octets(reKey, `${f}.replacingKeyId`, 8),
    } satisfies Record<string, PlainValue>;
  });
  // A failed cell is the RTDS ERROR shape; the device said BAD_PAYLOAD (a key it could not use).
  const status: DeviceStatus = ok ? 'OK' : 'BAD_PAYLOAD';
  return {
    status,
    payload: {
      [bodyFieldOf(mode)]: party ?? null,
      counterFloor: floor.toString(),
      authorisingCounter: int(counter, field).toString(),
      replacements,
    },
  };
}

export function decodeUpdateResponse(mode: Cs02bMode, payload: GbcsPayload): Outcome {
  const root = derRoot(payload, 'response');
  if (root.type === 'integer') {
    small(root, 'response.code', STATUS_CODES);
    return { status: 'BAD_PAYLOAD', payload: { code: Number(root.value) } };
  }
  const items = seq(root, 'response', 1, 2);
  if (!isNull(items[0])) throw new UseCaseError('response must open with NULL (command accepted)', 'response.accepted');
  if (items[1] === undefined) return { status: 'SCHEDULED', payload: null };
  return readExecutionOutcome(mode, items[1], 'response.outcome');
}

/** The CS02b codec for one (mode, SR variant, device type). */
export function updateCredentialsCodec(
  useCase: string,
  messageCode: number,
  variant: ServiceReferenceVariant,
  device: DeviceType,
  mode: Cs02bMode,
): UseCaseCodec {
  return {
    useCase,
    messageCode,
    variant,
    device,
    selects: (body) => {
      const b = body as Map | null;
      return b !== null && typeof b === 'object' && b[bodyFieldOf(mode)] !== undefined;
    },
    encodeCommand: (body, ctx) => encodeUpdateCommand(mode, body, ctx),
    decodeCommand: (payload) => decodeUpdateCommand(mode, payload),
    encodeResponse: (outcome, ctx) => encodeUpdateResponse(mode, outcome, ctx),
    decodeResponse: (payload) => decodeUpdateResponse(mode, payload),
  };
}

/**
 * The CS02b alert (message code 0x00CB) a device raises when a future-dated CS02b has run
 * (RTDS `…_8F66_FUTURE_DATED_SUCCESS_ALERT`, `…_8F67_…_ERROR_ALERT`): SEQUENCE { alert code INTEGER
 * (0x8F66 executed, 0x8F67 not), executionDateTime, ExecutionOutcome }. For the wire layer's alerts.
 */
export function updateCredentialsAlert(
  mode: Cs02bMode,
  executedAt: number,
  outcome: Outcome,
  command: GbcsPayload,
): GbcsPayload {
  const code = outcome.status === 'OK' ? 0x8f66 : 0x8f67;
  return der(sequence(integer(code), generalizedTime(executedAt), executionOutcome(mode, outcome, command)));
}
