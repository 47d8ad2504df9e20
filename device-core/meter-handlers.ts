import { ALERT, publicKeyFromPoint, type CommandFrame, type Eui64, type PlainValue } from '../protocol/index.js';
import type { Execution } from './firmware.js';
import type { MeterFirmware, MeterHandler } from './meter-firmware.js';
import { asMap, bytes, euiArg, num, oneOf, optNum, PayloadError, str, type PayloadMap } from './payload.js';
import { round } from './prepayment.js';
import { tariffFromPayload } from './tariff.js';
import type { PartyCredential } from './trust-store.js';

/**
 * Service requests that the ESME and the GSME execute alike. Each entry is one SR; the device
 * models add their own (TOU and export for the ESME, gas conversion for the GSME).
 */
const ok = (payload: PlainValue = null, alerts?: Execution['alerts']): Execution =>
  alerts ? { status: 'OK', payload, alerts } : { status: 'OK', payload };
const body = (command: CommandFrame): PayloadMap => asMap(command.payload);

function prepayValues(meter: MeterFirmware): PlainValue {
  meter.accrue();
  return { ...meter.prepayment.snapshot(), paymentMode: meter.paymentMode, supply: meter.supply };
}

function credential(map: PayloadMap, field: string): PartyCredential {
  const entry = asMap(map[field] ?? null, field);
  const eui = euiArg(entry, 'eui');
  const key = (name: string) => {
    try {
      return publicKeyFromPoint(bytes(entry, name));
    } catch (error) {
      if (error instanceof PayloadError) throw error;
      throw new PayloadError(`${field}.${name} is not a P-256 point`, `${field}.${name}`);
    }
  };
  return {
    eui,
    ds: key('ds'),
    ...(entry.ka !== undefined ? { ka: key('ka') } : {}),
    ...(entry.prepaymentKa !== undefined ? { prepaymentKa: key('prepaymentKa') } : {}),
  };
}

function deviceArg(map: PayloadMap): Eui64 {
  return euiArg(map, 'device');
}

export const METER_HANDLERS: Readonly<Record<string, MeterHandler<MeterFirmware>>> = {
  // 1.1.1 Update Import Tariff (Primary Element)
  '1.1.1': (m, c) => {
    m.accrue();
    m.tariff = tariffFromPayload(body(c), m.tariff);
    m.events.record(m.now(), 'tariff updated');
    return ok({ unitRates: [...m.tariff.unitRatesPencePerKwh], standingCharge: m.tariff.standingChargePencePerDay });
  },
  // 1.2.1 Update Price (Primary Element): new unit rates, same switching
  '1.2.1': (m, c) => {
    m.accrue();
    const next = tariffFromPayload(
      { ...body(c), switching: m.tariff.switching.map((s) => [s.fromHalfHour, s.register]) },
      m.tariff,
    );
    m.tariff = next;
    return ok({ unitRates: [...next.unitRatesPencePerKwh] });
  },
  // 1.5 Update Meter Balance: a signed adjustment in pence
  '1.5': (m, c) => {
    m.accrue();
    const adjust = num(body(c), 'adjustPence', -100_000, 100_000);
    m.applyPrepayment(adjust >= 0 ? m.prepayment.credit(adjust) : m.prepayment.charge(-adjust));
    return ok(prepayValues(m));
  },
  // 1.6 Update Payment Mode
  '1.6': (m, c) => {
    m.setPaymentMode(oneOf(body(c), 'mode', ['Credit', 'Prepayment']));
    return ok({ paymentMode: m.paymentMode });
  },
  // 2.1 Update Prepay Configuration: any subset of the thresholds
  '2.1': (m, c) => {
    const b = body(c);
    const config = m.prepayment.config;
    for (const key of [
      'lowCreditThreshold',
      'disablementThreshold',
      'emergencyCreditLimit',
      'emergencyCreditThreshold',
      'maxCredit',
    ] as const) {
      const value = optNum(b, key, -100_000, 1_000_000);
      if (value !== undefined) config[key] = value;
    }
    return ok({ ...config });
  },
  // 2.2 Top Up Device: a UTRN over the WAN
  '2.2': (m, c) => {
    const result = m.enterUtrn(str(body(c), 'utrn'), 'remote');
    return result.ok
      ? ok({ creditedPence: result.amountPence ?? 0, ...(prepayValues(m) as object) })
      : { status: 'UTRN_REJECTED', payload: { reason: result.reason ?? 'UNKNOWN' } };
  },
  // 2.3 Update Debt
  '2.3': (m, c) => {
    m.accrue();
    const b = body(c);
    m.prepayment.debt = num(b, 'debtPence', 0, 10_000_000);
    m.prepayment.debtRecoveryPerDay = num(b, 'recoveryPencePerDay', 0, 100_000);
    return ok(prepayValues(m));
  },
  // 2.5 Activate Emergency Credit
  '2.5': (m) => {
    const result = m.takeEmergencyCredit();
    return result.ok
      ? ok(prepayValues(m))
      : { status: 'INVALID_STATE', payload: { reason: result.reason ?? 'refused' } };
  },
  // 3.2 Restrict Access For Change Of Tenancy
  '3.2': (m, c) => {
    m.tenancyStart = num(body(c), 'tenancyStart', 0);
    m.events.record(m.now(), 'change of tenancy');
    return ok({ tenancyStart: m.tenancyStart });
  },
  // 4.3 Read Instantaneous Prepay Values
  '4.3': (m) => ok(prepayValues(m)),
  // 4.8.1 Read Active Import Profile Data: the last `count` half-hours (default 48)
  '4.8.1': (m, c) => {
    const count = c.payload === null ? 48 : (optNum(body(c), 'count', 1, 1440) ?? 48);
    return ok({ halfHours: m.profile(Math.floor(count), c.header.originator) });
  },
  // 4.17 Retrieve Daily Consumption Log: the last `days` days (default 7, at most 31)
  '4.17': (m, c) => {
    const days = c.payload === null ? 7 : (optNum(body(c), 'days', 1, 31) ?? 7);
    return ok({ days: m.dailyLog(Math.floor(days), c.header.originator) });
  },
  // 4.18 Read Meter Balance
  '4.18': (m) => {
    m.accrue();
    return ok({ balancePence: round(m.prepayment.balance), emergencyCreditActive: m.prepayment.emergencyCreditActive });
  },
  // 6.2.4 Read Device Configuration (Identity Exc MPxN)
  '6.2.4': (m) =>
    ok({ eui: m.eui, type: m.identity.type, firmwareVersion: m.identity.firmwareVersion, lifecycle: m.lifecycle }),
  // 6.2.7 Read Device Configuration (MPxN)
  '6.2.7': (m) => ok(m.mpxnConfig()),
  // 6.11 Synchronise Clock: the emulated meter keeps DCC time; the request is logged and confirmed
  '6.11': (m) => {
    m.events.record(m.now(), 'clock synchronised');
    return ok({ time: m.now() });
  },
  // 6.13 Read Event Or Security Log
  '6.13': (m, c) => {
    const count = c.payload === null ? 50 : (optNum(body(c), 'count', 1, 50) ?? 50);
    return ok({ events: m.events.read(Math.floor(count), m.dataStartFor(c.header.originator)).map((e) => ({ ...e })) });
  },
  // 6.20.1 Set Device Configuration (Import MPxN)
  '6.20.1': (m, c) => {
    m.setMpxn(str(body(c), 'mpxn'));
    return ok(m.mpxnConfig());
  },
  // 6.22 Configure Alert Behaviour: codes to switch off and on
  '6.22': (m, c) => {
    const b = body(c);
    const codes = (key: string): number[] => {
      const list = b[key] ?? [];
      if (
        !Array.isArray(list) ||
        !list.every((x) => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= 0xffff)
      ) {
        throw new PayloadError(`${key} must be a list of 2-byte alert codes`, key);
      }
      return list as number[];
    };
    for (const code of codes('disable')) m.disabledAlerts.add(code);
    for (const code of codes('enable')) m.disabledAlerts.delete(code);
    return ok({ disabled: [...m.disabledAlerts].sort((a, b2) => a - b2) });
  },
  // 6.23 Update Security Credentials (CoS): new supplier credentials and counter floors
  '6.23': (m, c) => {
    const b = body(c);
    const supplier = credential(b, 'supplier');
    const floor = str(b, 'counterFloor', /^\d{1,20}$/);
    m.trust.install('Supplier', supplier);
    m.counters.setFloor(supplier.eui, BigInt(floor));
    m.prepayment.resetUtrnCounters();
    m.events.record(m.now(), 'change of supplier', supplier.eui);
    return ok({ supplier: supplier.eui, counterFloor: floor });
  },
  // 7.1 Enable Supply, 7.2 Disable Supply, 7.3 Arm Supply, 7.4 Read Supply Status
  '7.1': (m) => {
    m.accrue();
    return ok({ supply: m.switchSupply('enable') });
  },
  '7.2': (m) => {
    m.accrue();
    return ok({ supply: m.switchSupply('disable') });
  },
  '7.3': (m) => {
    m.accrue();
    return ok({ supply: m.switchSupply('arm') });
  },
  '7.4': (m) => ok({ supply: m.supply }),
  // 8.1.1 Commission Device
  '8.1.1': (m) => m.commissionMeter(),
  // 8.7.x Join Service, 8.8.x Unjoin Service: the other device's EUI in `device`
  '8.7.1': (m, c) => {
    m.join(deviceArg(body(c)));
    return ok({ joined: [...m.joined] });
  },
  '8.8.1': (m, c) => {
    m.unjoin(deviceArg(body(c)));
    return ok({ joined: [...m.joined] });
  },
  // 11.1 Update Firmware: image receipt with its hash (0x8F72 verified, 0x8F1C failed)
  '11.1': (m, c) => {
    const b = body(c);
    const image = bytes(b, 'image');
    const hash = bytes(b, 'hash', 32);
    const version = str(b, 'version', /^[\w.-]{1,32}$/);
    const verified = Buffer.from(m.sha256(image)).equals(Buffer.from(hash));
    m.pendingFirmware = { version, verified };
    m.events.record(m.now(), verified ? 'firmware verified' : 'firmware verification failed', version);
    return ok({ version, verified }, [
      {
        code: verified ? ALERT.FirmwareVerificationSuccessful : ALERT.FirmwareVerificationFailed,
        payload: { version },
      },
    ]);
  },
  // 11.2 Read Firmware Version
  '11.2': (m) => ok({ firmwareVersion: m.identity.firmwareVersion, pending: m.pendingFirmware?.version ?? null }),
  // 11.3 Activate Firmware (immediate or future-dated): needs a verified image; then 0x8F43
  '11.3': (m) => {
    const pending = m.pendingFirmware;
    if (!pending?.verified)
      return {
        status: 'INVALID_STATE',
        payload: { reason: 'no verified firmware image to activate (send 11.1 first)' },
      };
    const previous = m.identity.firmwareVersion;
    m.identity.firmwareVersion = pending.version;
    m.pendingFirmware = undefined;
    m.events.record(m.now(), 'firmware activated', pending.version);
    return ok({ firmwareVersion: pending.version }, [
      { code: ALERT.FirmwareVersionChanged, payload: { from: previous, to: pending.version } },
    ]);
  },
};
