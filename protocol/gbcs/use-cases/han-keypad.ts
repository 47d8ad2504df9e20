import type { GbcsPayload } from '../payload.js';
import type { GbzComponent } from '../zcl/types.js';
import type { ZclField } from '../zcl/types.js';
import { UseCaseError } from './use-case-codec.js';

/**
 * The PPMID keypad on the HAN (RTDS NA_PCS01, NA_PCS02): commands a PPMID sends a meter directly,
 * which no DUIS SR starts, so they have no `UseCaseCodec` (that seam is keyed by SR variant).
 * Both are one GBZ component of the Prepayment cluster (0x0705), client → server (GBCS-FACTS §9):
 * - PCS01 (0x009B) Consumer Top Up {Originating Device enum8, Top Up Code octet string: the UTRN's
 *   20 ASCII digits}; answered by Consumer Top Up Response {Result Type enum8, Top Up Value int32,
 *   Source of Top Up enum8, Credit Remaining int32}.
 * - PCS02 (0x0090) Select Available Emergency Credit {Command Issue Date Time utcTime (0 = now),
 *   Originating Device enum8}; answered by a ZCL Default Response.
 * The RTDS's Originating Device is 2 for the PPMID. Their MAC is originator ↔ recipient, whose keys
 * the test PKI does not publish (GBCS-FACTS §1, §15): the emulator's choice of pair is in
 * protocol/gbcs/wire/pair-secrets.ts.
 */
export const PCS01_CONSUMER_TOP_UP = 0x009b;
export const PCS02_EMERGENCY_CREDIT = 0x0090;
const PREPAYMENT_CLUSTER = 0x0705;
const PPMID_ORIGINATOR = 2;

function component(commandId: number, serverToClient: boolean, name: string, fields: ZclField[]): GbzComponent {
  return {
    encrypted: false,
    clusterId: PREPAYMENT_CLUSTER,
    header: {
      frameType: 'cluster',
      direction: serverToClient ? 'serverToClient' : 'clientToServer',
      disableDefaultResponse: false,
      sequence: 0,
      commandId,
    },
    payload: { kind: 'clusterCommand', name, fields },
  };
}

const gbz = (c: GbzComponent): GbcsPayload => ({ kind: 'gbz', gbz: { form: 'frame', components: [c] } });

/** The one cluster command of a keypad message, or UseCaseError naming what is wrong. */
function commandOf(payload: GbcsPayload, name: string): readonly ZclField[] {
  if (payload.kind !== 'gbz' || payload.gbz.form !== 'frame' || payload.gbz.components.length !== 1)
    throw new UseCaseError(`${name} is one GBZ component`, 'content');
  const c = payload.gbz.components[0]!;
  if (
    c.encrypted ||
    c.clusterId !== PREPAYMENT_CLUSTER ||
    c.payload.kind !== 'clusterCommand' ||
    c.payload.name !== name
  )
    throw new UseCaseError(`not a Prepayment cluster ${name}`, 'content');
  return c.payload.fields;
}

function field(fields: readonly ZclField[], name: string): ZclField {
  const found = fields.find((f) => f.name === name);
  if (!found) throw new UseCaseError(`${name} is missing`, name);
  return found;
}

/** PCS01: the UTRN the consumer typed (20 digits), as the PPMID sends it. */
export function encodeConsumerTopUp(utrn: string): GbcsPayload {
  if (!/^[0-9]{20}$/.test(utrn)) throw new UseCaseError('a UTRN is 20 digits', 'utrn');
  return gbz(
    component(4, false, 'Consumer Top Up', [
      { name: 'Originating Device', type: 'enum8', value: PPMID_ORIGINATOR },
      { name: 'Top Up Code', type: 'octetString', value: new TextEncoder().encode(utrn) },
    ]),
  );
}

/** The meter's reading of PCS01: the typed UTRN (checked by the meter's UTRN rules, not here). */
export function decodeConsumerTopUp(payload: GbcsPayload): { readonly utrn: string } {
  const code = field(commandOf(payload, 'Consumer Top Up'), 'Top Up Code');
  if (code.type !== 'octetString' || !(code.value instanceof Uint8Array))
    throw new UseCaseError('Top Up Code is an octet string', 'Top Up Code');
  return { utrn: new TextDecoder().decode(code.value) };
}

export interface TopUpResult {
  /** ZCL Result Type: 0 accepted; other values a rejection (the meter's alert says why). */
  readonly result: number;
  /** Money is integers: the credit added and the credit left, in the meter's currency unit. */
  readonly topUpValue: number;
  readonly creditRemaining: number;
}

export function encodeConsumerTopUpResponse(r: TopUpResult): GbcsPayload {
  return gbz(
    component(3, true, 'Consumer Top Up Response', [
      { name: 'Result Type', type: 'enum8', value: r.result },
      { name: 'Top Up Value', type: 'int32', value: r.topUpValue },
      { name: 'Source of Top Up', type: 'enum8', value: PPMID_ORIGINATOR },
      { name: 'Credit Remaining', type: 'int32', value: r.creditRemaining },
    ]),
  );
}

export function decodeConsumerTopUpResponse(payload: GbcsPayload): TopUpResult {
  const fields = commandOf(payload, 'Consumer Top Up Response');
  const num = (name: string): number => {
    const f = field(fields, name);
    if (typeof f.value !== 'number') throw new UseCaseError(`${name} is a number`, name);
    return f.value;
  };
  return { result: num('Result Type'), topUpValue: num('Top Up Value'), creditRemaining: num('Credit Remaining') };
}

/** PCS02: the consumer asks for emergency credit now (issue time 0 = now, GBCS-FACTS §9.1). */
export function encodeEmergencyCreditRequest(): GbcsPayload {
  return gbz(
    component(0, false, 'Select Available Emergency Credit', [
      { name: 'Command Issue Date Time', type: 'utcTime', value: 0 },
      { name: 'Originating Device', type: 'enum8', value: PPMID_ORIGINATOR },
    ]),
  );
}

export function decodeEmergencyCreditRequest(payload: GbcsPayload): Record<string, never> {
  commandOf(payload, 'Select Available Emergency Credit');
  return {};
}
