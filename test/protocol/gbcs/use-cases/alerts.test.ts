import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEui } from '../../../../protocol/eui.js';
import { decodeGbcs, encodeGeneralSigning } from '../../../../protocol/gbcs/envelope/index.js';
import { decodePayload, encodePayload } from '../../../../protocol/gbcs/payload.js';
import {
  buildAlertSigning,
  decodeAlertPayload,
  encodeAlertPayload,
  GENERIC_CRITICAL_ALERT,
  GENERIC_NON_CRITICAL_ALERT,
  isCriticalAlert,
} from '../../../../protocol/gbcs/use-cases/alerts.js';
import { WireError } from '../../../../protocol/gbcs/wire/index.js';
import { GbcsError } from '../../../../protocol/gbcs/errors.js';

const bytes = (h: string) => Uint8Array.from(Buffer.from(h.replace(/\s+/g, ''), 'hex'));
const hexOf = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();
const JAN_2015 = Date.UTC(2015, 0, 1);

// RTDS NA_GNCA-DLMS/GNCA-DLMS_NA_810E_ALERT_GBCS.HEX content: data-notification, invoke-id 200007D0
// (ESME counter 2000), {810E, 2015-01-01 00:00 COSEM date-time}.
const GNCA_DLMS = bytes('0F 200007D0 00 02 02 12 810E 09 0C 07DF0101FF000000008000FF');
// RTDS NA_GNCA-ZigBee/GNCA-ZigBee_NA_810E_ALERT_GBCS.HEX content: GBZ alert 810E at 0x1C374A80 s since 2000.
const GNCA_GBZ = bytes('0109 00 810E 1C374A80');

describe('GNCA / GCA generic alerts (RTDS NA_GNCA-DLMS, NA_GNCA-ZigBee, NA_GCA-DLMS)', () => {
  it('an ESME alert is the RTDS DLMS data-notification, byte for byte', () => {
    expect(hexOf(encodePayload(encodeAlertPayload('ESME', 2000n, { alertCode: 0x810e, at: JAN_2015 })))).toBe(
      hexOf(GNCA_DLMS),
    );
    expect(decodeAlertPayload(decodePayload(0x1001, GNCA_DLMS, 0, 3))).toEqual({ alertCode: 0x810e, at: JAN_2015 });
  });

  it('a GSME alert is the RTDS GBZ alert, byte for byte', () => {
    expect(hexOf(encodePayload(encodeAlertPayload('GSME', 3000n, { alertCode: 0x810e, at: JAN_2015 })))).toBe(
      hexOf(GNCA_GBZ),
    );
    expect(decodeAlertPayload(decodePayload(0x1001, GNCA_GBZ, 0, 3))).toEqual({ alertCode: 0x810e, at: JAN_2015 });
  });

  it('8F30 goes critical (0x1000), 810E non-critical (0x1001), as the RTDS shows them', () => {
    expect(isCriticalAlert(0x8f30)).toBe(true);
    expect(isCriticalAlert(0x810e)).toBe(false);
    const device = { eui: parseEui('00DB1234567890A0'), type: 'ESME' as const };
    const supplier = parseEui('90B3D51F30010000');
    const critical = buildAlertSigning(device, 2000n, supplier, { alertCode: 0x8f30, at: JAN_2015 });
    expect(critical.header.otherInformation.messageCode).toBe(GENERIC_CRITICAL_ALERT);
    expect(critical.header).toMatchObject({ cra: 'alert', counter: 2000n, recipient: supplier });
    const plain = buildAlertSigning(device, 2000n, supplier, { alertCode: 0x810e, at: JAN_2015 });
    expect(plain.header.otherInformation.messageCode).toBe(GENERIC_NON_CRITICAL_ALERT);
    // RTDS NA_GCA-DLMS: the signed part before the signature field.
    const rtds = bytes(
      'DF 09 03 00000000000007D0 08 00DB1234567890A0 08 90B3D51F30010000 00 02 1000 19 0F 200007D0 00 02 02 12 8F30 09 0C 07DF0101FF000000008000FF 00',
    );
    expect(hexOf(encodeGeneralSigning(critical))).toBe(hexOf(rtds));
    expect(decodeAlertPayload(decodeGbcs(rtds).signing.payload).alertCode).toBe(0x8f30);
  });

  it('property: random contents give an alert, or only WireError/GbcsError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 60 }), fc.constantFrom(0x1000, 0x1001), (random, code) => {
        try {
          decodeAlertPayload(decodePayload(code, random, 0, 3));
        } catch (error) {
          expect(error instanceof WireError || error instanceof GbcsError).toBe(true);
        }
      }),
    );
  });
});
