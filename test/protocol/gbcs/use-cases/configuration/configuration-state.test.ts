import { afterAll, describe, expect, it } from 'vitest';
import type { Execution } from '../../../../../device-core/firmware.js';
import type { ServiceCommand } from '../../../../../device-core/handlers.js';
import type { MeterFirmware } from '../../../../../meter-core/meter-firmware.js';
import { ESME_HANDLERS } from '../../../../../meter-esme/handlers/index.js';
import { GSME_HANDLERS } from '../../../../../meter-gsme/handlers/index.js';
import type { PlainValue } from '../../../../../protocol/index.js';
import { decodePayload, encodePayload } from '../../../../../protocol/gbcs/payload.js';
import { CONFIGURATION } from '../../../../../protocol/gbcs/use-cases/configuration.js';
import { UseCaseError } from '../../../../../protocol/gbcs/use-cases/use-case-codec.js';
import { PremisesHarness } from '../../../../support/premises-harness.js';

const harness = new PremisesHarness();
afterAll(async () => harness.stop());
let counter = 1n;
function run(meter: MeterFirmware, variant: string, payload: PlainValue): Execution {
  const table = (meter.identity.type === 'ESME' ? ESME_HANDLERS : GSME_HANDLERS) as Record<
    string,
    ((m: MeterFirmware, c: ServiceCommand) => Execution) | undefined
  >;
  const header = { originator: harness.premises.hub.eui, recipient: meter.eui, counter: counter++, createdAt: 0 };
  const command = { kind: 'command', header, serviceRequest: variant, payload, signatures: [] };
  return table[variant]!(meter, command as unknown as ServiceCommand);
}
const codec = (uc: string) => CONFIGURATION.find((c) => c.useCase === uc)!;
const ctx = () => ({ now: harness.premises.esme.now(), target: harness.premises.esme.eui });

describe('configuration state: a set is what the matching read answers', () => {
  it('ECS34 6.12 sets the power thresholds that ECS26f 6.2.5 reads back', () => {
    const esme = harness.premises.esme;
    const body = codec('ECS34').decodeCommand(codec('ECS34').encodeCommand({ o0_0_16_0_0_255a2: [1000, 9000] }, ctx()));
    expect(run(esme, '6.12', body).status).toBe('OK');
    expect(run(esme, '6.2.5', null).payload).toMatchObject({ o0_0_16_0_0_255a2: [1000, 9000] });
  });

  it('ECS81 6.25 sets the supply tamper state that ECS26e 6.2.4 reads back', () => {
    const esme = harness.premises.esme;
    expect(run(esme, '6.2.4', null).payload).toMatchObject({ supplyTamper: false, eui: esme.eui });
    run(esme, '6.25', { supplyTamper: true });
    expect(run(esme, '6.2.4', null).payload).toMatchObject({ supplyTamper: true });
  });

  it('ECS25a 6.22: a filter with 0x8F1F cleared switches that alert off on the meter', () => {
    const esme = harness.premises.esme;
    const body = codec('ECS25a').decodeCommand(codec('ECS25a').encodeCommand({ disable: [0x8f1f] }, ctx()));
    expect(body).toMatchObject({ disable: expect.arrayContaining([0x8f1f]) as unknown });
    run(esme, '6.22', body);
    expect(esme.disabledAlerts.has(0x8f1f)).toBe(true);
    const on = codec('ECS25a').decodeCommand(codec('ECS25a').encodeCommand({ disable: [] }, ctx()));
    run(esme, '6.22', on);
    expect(esme.disabledAlerts.has(0x8f1f)).toBe(false);
  });

  it('GCS23 6.6 sets the gas conversion that GCS21a 6.2.8 reads back as value and trailing digits', () => {
    const gsme = harness.premises.gsme;
    const gcs23 = codec('GCS23');
    const body = gcs23.decodeCommand(gcs23.encodeCommand({ conversionFactor: 1.01, calorificValue: 38.2 }, ctx()));
    expect(body).toMatchObject({ conversionFactor: 1.01, calorificValue: 38.2 });
    expect(run(gsme, '6.6', body).status).toBe('OK');
    expect(run(gsme, '6.2.8', null).payload).toMatchObject({ conversionFactor: 101000, calorificValue: 382 });
  });

  it('ECS39a 6.20.1 sets the MPAN that ECS40 6.2.7 reads back; a bad MPAN is refused', () => {
    const esme = harness.premises.esme;
    const body = codec('ECS39a').decodeCommand(codec('ECS39a').encodeCommand({ mpxn: harness.premises.mpan }, ctx()));
    expect(run(esme, '6.20.1', body).status).toBe('OK');
    expect(run(esme, '6.2.7', null).payload).toMatchObject({ mpan: harness.premises.mpan });
    expect(() => codec('ECS39a').encodeCommand({}, ctx())).toThrow(/mpxn/);
  });

  it('ECS70 6.11 is refused outside its validity window and accepted inside it', () => {
    const esme = harness.premises.esme;
    const now = esme.now();
    const inside = codec('ECS70').decodeCommand(codec('ECS70').encodeCommand({}, { ...ctx(), now }));
    expect(run(esme, '6.11', inside).status).toBe('OK');
    const past = codec('ECS70').decodeCommand(
      codec('ECS70').encodeCommand({ validityStart: now - 120_000, validityEnd: now - 60_000 }, ctx()),
    );
    expect(run(esme, '6.11', past).status).toBe('INVALID_STATE');
  });
});

describe('ECS57 6.18.2 Reset Maximum Demand Registers, some optional items', () => {
  // ECS57_6.18.2_SOME_OPTIONALS_SUCCESS_COMMAND_GBCS.HEX: access-request, one action of three:
  // D9 200004B1 00 | 01 specs: 03 action 0004 (register) 0100010601FF (1-0:1.6.1.255) 01 (reset)
  // | 01 data: 0F 00 (integer 0)
  const command = 'D9200004B100010300040100010601FF01010F00';
  // ECS57_6.18.2_SOME_OPTIONALS_SUCCESS_RESPONSE_GBCS.HEX: access-response, one action result 00
  const response = 'DA200004B100000100010300';
  const ecs57 = codec('ECS57');
  const payload = (h: string, cra: number) =>
    decodePayload(ecs57.messageCode, Uint8Array.from(Buffer.from(h, 'hex')), 0, cra);
  const hex = (p: Parameters<typeof encodePayload>[0]) => Buffer.from(encodePayload(p)).toString('hex').toUpperCase();

  it('decodes the one item into its field and encodes it back to the same bytes', () => {
    const body = ecs57.decodeCommand(payload(command, 1));
    expect(body).toEqual({ useCase: 'ECS57', o1_0_1_6_1_255m1: 0 });
    // the invoke id is the wire's (the template keeps the ALL_OPTIONALS one)
    expect(hex(ecs57.encodeCommand(body, ctx()))).toBe(command.replace('200004B1', '200004B0'));
  });

  it('answers one result for the one item, as the RTDS response does', () => {
    const cmd = payload(command, 1);
    const ours = ecs57.encodeResponse(
      { status: 'OK', payload: {} },
      { now: 0, command: cmd, device: harness.premises.esme.eui },
    );
    expect(hex(ours)).toBe(response);
    expect(ecs57.decodeResponse(payload(response, 2)).status).toBe('OK');
  });

  it('refuses an item that is not one of the use case', () => {
    const wrong = command.replace('0100010601FF', '0100010699FF');
    expect(() => ecs57.decodeCommand(payload(wrong, 1))).toThrow(UseCaseError);
  });
});
