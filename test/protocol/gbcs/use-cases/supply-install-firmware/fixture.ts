import fc from 'fast-check';
import { expect } from 'vitest';
import type { Execution } from '../../../../../device-core/firmware.js';
import type { HandlerTable, ServiceCommand } from '../../../../../device-core/handlers.js';
import { decodePayload, encodePayload, GbcsError, type GbcsPayload } from '../../../../../protocol/gbcs/index.js';
import { UseCaseError, type Outcome, type UseCaseCodec } from '../../../../../protocol/gbcs/use-cases/index.js';
import {
  nodeCrypto,
  VirtualClock,
  type PlainValue,
  type ServiceReferenceVariant,
} from '../../../../../protocol/index.js';
import { MemorySmwan, SmwanCredentials } from '../../../../../smwan/index.js';
import { buildPremises, premisesEui, type Premises } from '../../../../../world/premises.js';
import { anchorsFor, partyKeys } from '../../../../support/dcc-fixture.js';

/** RTDS 4.5.0's clock: its messages are dated 2015-01-01 00:00:00 UTC. */
export const RTDS_NOW = Date.UTC(2015, 0, 1);
/** The RTDS test parties: supplier (the originator of most commands) and ESME. */
export const SUPPLIER = '90-B3-D5-1F-30-01-00-00';

/** Hex with `#` comments and any whitespace, as the RTDS bytes are annotated in these tests. */
export function hex(annotated: string): Uint8Array {
  return Buffer.from(annotated.replace(/#[^\n]*/g, '').replace(/\s+/g, ''), 'hex');
}

export function payload(code: number, bytes: Uint8Array): GbcsPayload {
  return decodePayload(code, bytes, 0);
}

export const bytesOf = (p: GbcsPayload): string => Buffer.from(encodePayload(p)).toString('hex');

export const ctx = (now = RTDS_NOW, extra: { counter?: bigint; executeAt?: number } = {}) => ({
  now,
  target: premisesEui(1, 'ESME'),
  ...extra,
});

export function responseCtx(command: GbcsPayload, now = RTDS_NOW) {
  return { now, command, device: premisesEui(1, 'ESME') };
}

/** A commissioned premises on the virtual clock (not started: handlers are called directly). */
export function premises(now = RTDS_NOW, state: 'commissioned' | 'installed' = 'commissioned'): Premises {
  const clock = new VirtualClock(now);
  const credentials = new SmwanCredentials('uc-supply-master-secret');
  const hub = premisesEui(1, 'CHF');
  const anchors = anchorsFor(partyKeys(), 'supplier');
  return buildPremises({
    index: 1,
    seed: 'uc-supply',
    clock,
    crypto: nodeCrypto,
    link: new MemorySmwan(credentials).hubLink(hub, credentials.hubSecret(hub)),
    manufacture: anchors.manufacture,
    commissioning: anchors.commissioning,
    state,
  });
}

let counter = 1000n;
/** Run one handler of a table as the device's dispatcher would, with a decoded body. */
export function run<D>(
  table: HandlerTable<D>,
  device: D & { eui: string },
  sr: ServiceReferenceVariant,
  body: PlainValue,
): Outcome & { readonly alerts: NonNullable<Execution['alerts']> } {
  const handler = table[sr];
  if (!handler) throw new Error(`no handler for ${sr}`);
  const command = {
    kind: 'command',
    header: { originator: SUPPLIER, recipient: device.eui, counter: counter++, createdAt: RTDS_NOW },
    serviceRequest: sr,
    payload: body,
    signatures: [],
  } as unknown as ServiceCommand;
  const done = handler(device, command);
  return { status: done.status, payload: done.payload ?? null, alerts: done.alerts ?? [] };
}

/** Random bytes and mutations of `seed` reach decodeCommand only as GBCS payloads: only the two typed errors. */
export function fuzzDecoders(codec: UseCaseCodec, seed: Uint8Array): void {
  const bytesArb = fc.oneof(
    fc.uint8Array({ maxLength: 96 }),
    fc.tuple(fc.nat(seed.length - 1), fc.integer({ min: 0, max: 255 }), fc.nat(seed.length)).map(([at, value, cut]) => {
      const copy = Uint8Array.from(seed);
      copy[at] = value;
      return copy.subarray(0, Math.max(cut, at + 1));
    }),
  );
  fc.assert(
    fc.property(bytesArb, (bytes) => {
      for (const decode of [(p: GbcsPayload) => codec.decodeCommand(p), (p: GbcsPayload) => codec.decodeResponse(p)]) {
        try {
          decode(decodePayload(codec.messageCode, bytes, 0));
        } catch (error) {
          expect(error instanceof UseCaseError || error instanceof GbcsError, String(error)).toBe(true);
        }
      }
    }),
    { numRuns: 300 },
  );
}
