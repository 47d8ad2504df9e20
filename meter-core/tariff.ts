import { HALF_HOURS_PER_DAY } from './consumption-model.js';
import { numArray, optNum, PayloadError, type PayloadMap } from '../device-core/payload.js';

/** A time-of-use tariff (SR 1.1.1 / 1.2.1): rates per register and when each applies. */
export interface Tariff {
  readonly standingChargePencePerDay: number;
  /** Pence per kWh for each TOU register, 1 to 8 of them. */
  readonly unitRatesPencePerKwh: readonly number[];
  /** From which half-hour of the day (0..47) each register applies; sorted, first at 0. */
  readonly switching: readonly { readonly fromHalfHour: number; readonly register: number }[];
}

export const DEFAULT_TARIFF: Tariff = {
  standingChargePencePerDay: 50,
  unitRatesPencePerKwh: [25],
  switching: [{ fromHalfHour: 0, register: 0 }],
};

/** The TOU register in force in a half-hour slot of the day. */
export function registerAt(tariff: Tariff, slot: number): number {
  let register = tariff.switching[0]?.register ?? 0;
  for (const step of tariff.switching) if (step.fromHalfHour <= slot) register = step.register;
  return register;
}

/** Build a tariff from an SR 1.1.1 body: standingCharge, unitRates, optional switching [[halfHour, register], ...]. */
export function tariffFromPayload(body: PayloadMap, current: Tariff): Tariff {
  const unitRates = numArray(body, 'unitRates', 0, 10_000, 8);
  const standing = optNum(body, 'standingCharge', 0, 100_000) ?? current.standingChargePencePerDay;
  const raw = body.switching;
  let switching: { fromHalfHour: number; register: number }[] = [{ fromHalfHour: 0, register: 0 }];
  if (raw !== undefined) {
    if (!Array.isArray(raw) || raw.length === 0 || raw.length > HALF_HOURS_PER_DAY)
      throw new PayloadError('switching must be 1..48 [halfHour, register] pairs', 'switching');
    switching = raw.map((pair, i) => {
      if (!Array.isArray(pair) || pair.length !== 2)
        throw new PayloadError(`switching[${i}] must be [halfHour, register]`, 'switching');
      const [from, register] = pair as unknown[];
      if (typeof from !== 'number' || !Number.isInteger(from) || from < 0 || from >= HALF_HOURS_PER_DAY)
        throw new PayloadError(`switching[${i}] half-hour must be 0..47`, 'switching');
      if (typeof register !== 'number' || !Number.isInteger(register) || register < 0 || register >= unitRates.length) {
        throw new PayloadError(
          `switching[${i}] register must name one of the ${unitRates.length} unit rates`,
          'switching',
        );
      }
      return { fromHalfHour: from, register };
    });
    switching.sort((a, b) => a.fromHalfHour - b.fromHalfHour);
  }
  return { standingChargePencePerDay: standing, unitRatesPencePerKwh: unitRates, switching };
}
