import { describe, expect, it } from 'vitest';
import type { DeviceFirmware } from '../../../../../device-core/firmware.js';
import type { Handler } from '../../../../../device-core/handlers.js';
import { GPF_SECURITY_HANDLERS } from '../../../../../hub/security-handlers.js';
import { SECURITY_HANDLERS } from '../../../../../meter-core/handlers/security.js';
import type { UseCaseCodec } from '../../../../../protocol/gbcs/use-cases/index.js';
import type { DeviceTrustRole, ServiceReferenceVariant } from '../../../../../protocol/index.js';
import { codec, command, der, expectOnlyTypedErrors, hexOf, premises, shapeOf } from './support.js';
import {
  HANDOVER_COMMAND,
  HANDOVER_RESPONSE,
  NO_COMMAND,
  NO_RESPONSE,
  SUPPLIER_COMMAND,
  SUPPLIER_ERROR_RESPONSE,
  SUPPLIER_RESPONSE,
} from './rtds-cs02b-krp.js';

interface Case {
  readonly codec: UseCaseCodec;
  readonly sr: ServiceReferenceVariant;
  readonly command: Uint8Array;
  readonly response: Uint8Array;
  readonly field: 'supplier' | 'networkOperator';
  readonly role: DeviceTrustRole;
  readonly eui: string;
  readonly cells: readonly string[];
  readonly floor: string;
  readonly device: (h: ReturnType<typeof premises>) => DeviceFirmware;
  readonly handler: Handler<never>;
}

/** The three parts every CS02b component test checks, for one RTDS folder. */
function cs02b(c: Case): void {
  it('decodes the RTDS command into the body the handler reads, and re-encodes it the same', () => {
    const body = c.codec.decodeCommand(der(c.command));
    const view = body as Record<string, Record<string, unknown>>;
    expect(view[c.field]?.eui).toBe(c.eui);
    expect(Object.keys(view[c.field]!)).toEqual(['eui', ...c.cells]);
    expect(view.counterFloor).toBe(c.floor);
    const again = c.codec.encodeCommand(body, { now: 1, target: c.eui as never });
    expect(c.codec.decodeCommand(again)).toEqual(body);
  });

  it('the device replaces the role in its trust store and answers with the RTDS response shape', () => {
    const h = premises();
    const device = c.device(h);
    const body = c.codec.decodeCommand(der(c.command));
    const run = c.handler as Handler<DeviceFirmware>;
    const result = run(device, command(c.sr, device.eui, device.eui, body));
    expect(result.status).toBe('OK');
    expect(device.trust.get(c.role)?.eui).toBe(c.eui);
    const response = c.codec.encodeResponse(
      { status: result.status, payload: result.payload ?? null },
      { now: 0, command: der(c.command), device: device.eui },
    );
    const rtds = der(c.response);
    if (response.kind !== 'der' || rtds.kind !== 'der') throw new Error('DER');
    expect(shapeOf(response.der.root)).toEqual(shapeOf(rtds.der.root));
    expect(c.codec.decodeResponse(response)).toMatchObject({ status: 'OK', payload: { [c.field]: c.eui } });
  });

  it('reads the RTDS response as executed', () => {
    expect(c.codec.decodeResponse(der(c.response))).toMatchObject({
      status: 'OK',
      payload: { [c.field]: c.eui, counterFloor: c.floor },
    });
  });

  it('decoders give only typed errors on random and mutated payloads (fast-check)', () => {
    expectOnlyTypedErrors(c.codec, [c.command, c.response]);
  });
}

describe('CS02bSupplierBySupplier 6.15.1 update security credentials (KRP): supplier by supplier', () => {
  cs02b({
    codec: codec('CS02bSupplierBySupplier', 'ESME'),
    sr: '6.15.1',
    command: SUPPLIER_COMMAND,
    response: SUPPLIER_RESPONSE,
    field: 'supplier',
    role: 'Supplier',
    eui: '90-B3-D5-1F-30-01-00-00',
    cells: ['ds', 'ka', 'prepaymentKa'],
    floor: '0',
    device: (h) => h.premises.esme,
    handler: SECURITY_HANDLERS['6.15.1']!,
  });

  it('reads the RTDS ERROR response: the failed KA cell (status 10) kept its key', () => {
    const c = codec('CS02bSupplierBySupplier', 'ESME');
    const answer = c.decodeResponse(der(SUPPLIER_ERROR_RESPONSE));
    expect(answer.status).toBe('BAD_PAYLOAD');
    const failed = (
      answer.payload as {
        replacements: { cell: string; status: number; existingKeyId: Uint8Array; replacingKeyId: Uint8Array }[];
      }
    ).replacements[1]!;
    expect(failed).toMatchObject({ cell: 'ka', status: 10 });
    expect(hexOf(failed.replacingKeyId)).toBe(hexOf(failed.existingKeyId));
  });
});

describe('CS02bNOByNO 6.15.1 update security credentials (KRP): network operator by network operator', () => {
  cs02b({
    codec: codec('CS02bNOByNO', 'ESME'),
    sr: '6.15.1',
    command: NO_COMMAND,
    response: NO_RESPONSE,
    field: 'networkOperator',
    role: 'NetworkOperator',
    eui: '90-B3-D5-1F-30-02-00-00',
    cells: ['ds', 'ka'],
    floor: '0',
    device: (h) => h.premises.esme,
    handler: SECURITY_HANDLERS['6.15.1']!,
  });
});

describe('CS02bSupplierBySupplierHandover 6.21 request handover of DCC controlled device', () => {
  cs02b({
    codec: codec('CS02bSupplierBySupplierHandover', 'GPF'),
    sr: '6.21',
    command: HANDOVER_COMMAND,
    response: HANDOVER_RESPONSE,
    field: 'supplier',
    role: 'Supplier',
    eui: '90-B3-D5-1F-30-01-00-00',
    cells: ['ds', 'ka', 'prepaymentKa'],
    floor: '0',
    device: (h) => h.premises.gpf,
    handler: GPF_SECURITY_HANDLERS['6.21'],
  });
});
