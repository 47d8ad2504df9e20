import type { PlainValue } from '../../protocol/index.js';
import { body, ok, type HandlerTable } from '../../device-core/handlers.js';
import { num, oneOf, optNum, str } from '../../device-core/payload.js';
import type { MeterFirmware } from '../meter-firmware.js';
import { round } from '../prepayment.js';

function prepayValues(meter: MeterFirmware): PlainValue {
  meter.accrue();
  return { ...meter.prepayment.snapshot(), paymentMode: meter.paymentMode, supply: meter.supply };
}

/** SR families 1.5-1.6 and 2.x, and the prepayment reads 4.3 and 4.18: payment mode and credit. */
export const PREPAYMENT_HANDLERS: HandlerTable<MeterFirmware> = {
  // 1.5 Update Meter Balance: a signed adjustment in pence, or `reset` to 0 (ECS04b, GCS40b/d);
  // `creditMode` is the GSME's credit-mode balance (GCS40c/d), which never moves the supply switch
  '1.5': (m, c) => {
    m.accrue();
    const b = body(c);
    const reset = b.reset === true;
    const adjust = reset ? 0 : num(b, 'adjustPence', -100_000, 100_000);
    if (b.creditMode === true) {
      m.settings.creditModeBalancePence = reset ? 0 : m.settings.creditModeBalancePence + adjust;
      return ok({ creditModeBalancePence: m.settings.creditModeBalancePence, paymentMode: m.paymentMode });
    }
    if (reset) {
      const outcome = m.prepayment.resetBalance();
      if (m.paymentMode === 'Prepayment') m.applyPrepayment(outcome);
    } else m.applyPrepayment(adjust >= 0 ? m.prepayment.credit(adjust) : m.prepayment.charge(-adjust));
    return ok(prepayValues(m));
  },
  // 1.6 Update Payment Mode; to prepayment, GBCS ECS03 also carries the disablement threshold
  '1.6': (m, c) => {
    const b = body(c);
    const mode = oneOf(b, 'mode', ['Credit', 'Prepayment']);
    const threshold = mode === 'Prepayment' ? optNum(b, 'disablementThreshold', -100_000, 100_000) : undefined;
    m.setPaymentMode(mode);
    if (threshold !== undefined) m.prepayment.config.disablementThreshold = threshold;
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
  // 4.3 Read Instantaneous Prepay Values
  '4.3': (m) => ok(prepayValues(m)),
  // 4.18 Read Meter Balance
  '4.18': (m) => {
    m.accrue();
    return ok({ balancePence: round(m.prepayment.balance), emergencyCreditActive: m.prepayment.emergencyCreditActive });
  },
};
