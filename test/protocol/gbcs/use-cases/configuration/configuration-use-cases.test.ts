import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { ServiceCommand } from '../../../../../device-core/handlers.js';
import type { Execution } from '../../../../../device-core/firmware.js';
import { ESME_HANDLERS } from '../../../../../meter-esme/handlers/index.js';
import { GSME_HANDLERS } from '../../../../../meter-gsme/handlers/index.js';
import type { MeterFirmware } from '../../../../../meter-core/meter-firmware.js';
import type { PlainValue } from '../../../../../protocol/index.js';
import { GbcsError } from '../../../../../protocol/gbcs/errors.js';
import { decodePayload, encodePayload, type GbcsPayload } from '../../../../../protocol/gbcs/payload.js';
import { CONFIGURATION } from '../../../../../protocol/gbcs/use-cases/configuration.js';
import { UseCaseError, type UseCaseCodec } from '../../../../../protocol/gbcs/use-cases/use-case-codec.js';
import { PremisesHarness } from '../../../../support/premises-harness.js';
import { RTDS_CONFIGURATION, type RtdsVector } from './rtds-vectors.js';

const bytes = (hex: string) => Uint8Array.from(Buffer.from(hex, 'hex'));
const hex = (p: GbcsPayload) => Buffer.from(encodePayload(p)).toString('hex').toUpperCase();
const codecOf = (uc: string): UseCaseCodec => CONFIGURATION.find((c) => c.useCase === uc)!;
const payloadOf = (codec: UseCaseCodec, h: string, cra: number) => decodePayload(codec.messageCode, bytes(h), 0, cra);

/** The shape of a payload: every type, OBIS code, attribute and field name, in order, without values. */
function shape(x: unknown): unknown {
  if (x instanceof Uint8Array) return 'bytes';
  if (Array.isArray(x)) return x.length === 0 ? [] : x.slice(0, 1).map(shape);
  if (typeof x === 'object' && x !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) {
      if (['value', 'bytes', 'invokeId', 'sequence', 'bitLength', 'shape'].includes(k)) continue;
      out[k] = shape(v);
    }
    return out;
  }
  return typeof x === 'number' || typeof x === 'bigint' ? 'n' : x;
}

const harness = new PremisesHarness();
afterAll(async () => harness.stop());
let counter = 1n;
function run(meter: MeterFirmware, variant: string, payload: PlainValue): Execution {
  const table = (meter.identity.type === 'ESME' ? ESME_HANDLERS : GSME_HANDLERS) as Record<
    string,
    ((m: MeterFirmware, c: ServiceCommand) => Execution) | undefined
  >;
  const command = {
    kind: 'command',
    header: { originator: harness.premises.hub.eui, recipient: meter.eui, counter: counter++, createdAt: meter.now() },
    serviceRequest: variant,
    payload,
    signatures: [],
  } as unknown as ServiceCommand;
  return table[variant]!(meter, command);
}
const meterFor = (device: string): MeterFirmware | undefined =>
  device === 'ESME' ? harness.premises.esme : device === 'GSME' ? harness.premises.gsme : undefined;

/**
 * Where the RTDS values do not fit this meter: its MPAN's check digit is not valid, and its log
 * range is in 2015. The meter then gets a valid MPAN, and a log with an event in the range asked.
 */
function stateFor(useCase: string, meter: MeterFirmware, body: Record<string, PlainValue>): PlainValue {
  if (useCase === 'ECS39a' || useCase === 'ECS39b') return { ...body, mpxn: harness.premises.mpan };
  if (body['from'] !== undefined) {
    meter.tamper();
    return { ...body, from: meter.now() - 1000, to: meter.now() };
  }
  return body;
}

function useCaseTest(v: RtdsVector): void {
  const codec = codecOf(v.useCase);
  describe(`${v.useCase} ${v.variant} ${v.name}`, () => {
    const command = payloadOf(codec, v.command, 1);

    it('decodes the RTDS command into a body and encodes that body to the same bytes', () => {
      const body = codec.decodeCommand(command);
      expect(body).toMatchObject({ useCase: v.useCase });
      expect(hex(codec.encodeCommand(body, { now: Date.UTC(2015, 0, 1), target: harness.premises.esme.eui }))).toBe(
        v.command,
      );
    });

    const meter = meterFor(codec.device);
    if (meter) {
      it(`runs on the ${codec.device} and answers with the RTDS response's shape`, () => {
        const body = stateFor(v.useCase, meter, codec.decodeCommand(command) as Record<string, PlainValue>);
        const done = run(meter, v.variant, body);
        if (v.useCase === 'ECS70' || v.useCase === 'GCS28') {
          // the RTDS window is in 2015: the meter's clock is not, so the meter refuses it
          expect(done.status).toBe('INVALID_STATE');
          return;
        }
        expect(done.status).toBe('OK');
        const response = codec.encodeResponse(
          { status: 'OK', payload: done.payload ?? null },
          { now: meter.now(), command, device: meter.eui },
        );
        const again = payloadOf(codec, hex(response), 2);
        expect(shape(again)).toEqual(shape(payloadOf(codec, v.response, 2)));
        expect(codec.decodeResponse(again).status).toBe('OK');
      });
    }

    if (v.error !== undefined) {
      const error = v.error;
      it('answers a refusal with the RTDS error shape and reads it back as a refusal', () => {
        const rtds = codec.decodeResponse(payloadOf(codec, error, 2));
        expect(rtds.status).not.toBe('OK');
        const ours = codec.encodeResponse(
          { status: 'BAD_PAYLOAD', payload: null },
          { now: Date.UTC(2015, 0, 1), command, device: harness.premises.esme.eui },
        );
        const again = payloadOf(codec, hex(ours), 2);
        expect(codec.decodeResponse(again).status).toBe('BAD_PAYLOAD');
        if (again.kind === 'dlms' && again.apdu.type === 'access-response') {
          const t = payloadOf(codec, error, 2);
          expect(t.kind === 'dlms' && t.apdu.type === 'access-response' && t.apdu.specs.map((s) => s.type)).toEqual(
            again.apdu.specs.map((s) => s.type),
          );
        }
      });
    }

    it('decodes random and mutated payloads only to UseCaseError or GbcsError', () => {
      const original = bytes(v.command);
      const onlyTyped = (b: Uint8Array) => {
        try {
          codec.decodeCommand(decodePayload(codec.messageCode, b, 0, 1));
        } catch (e) {
          if (!(e instanceof UseCaseError || e instanceof GbcsError)) throw e;
        }
      };
      fc.assert(fc.property(fc.uint8Array({ maxLength: 80 }), onlyTyped), { numRuns: 60 });
      fc.assert(
        fc.property(fc.nat(original.length - 1), fc.integer({ min: 0, max: 255 }), (at, value) => {
          const b = original.slice();
          b[at] = value;
          onlyTyped(b);
        }),
        { numRuns: 60 },
      );
    });
  });
}

describe('GBCS configuration use cases (SRs 6.x), against RTDS 4.5.0', () => {
  it('has a codec for every RTDS configuration folder', () => {
    expect(RTDS_CONFIGURATION.map((v) => v.useCase).filter((uc) => !codecOf(uc))).toEqual([]);
  });
  for (const v of RTDS_CONFIGURATION) useCaseTest(v);
});
