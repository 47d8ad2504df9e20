import type { PlainValue } from '../protocol/index.js';

/** What a display last heard from one meter. */
export interface MeterReading {
  readonly at: number;
  readonly data: { readonly [key: string]: PlainValue };
}

const money = (pence: PlainValue | undefined) => (typeof pence === 'number' ? `£${(pence / 100).toFixed(2)}` : '—');

/**
 * The display as text: the lines a consumer would see, so that tests and the CLI can read the
 * screen. One block per fuel, in a fixed order.
 */
export function renderScreen(readings: ReadonlyMap<string, MeterReading>, now: number): string[] {
  const lines: string[] = [];
  for (const fuel of ['electricity', 'gas']) {
    const reading = readings.get(fuel);
    if (!reading) continue;
    const d = reading.data;
    const age = Math.max(0, Math.round((now - reading.at) / 1000));
    if (fuel === 'electricity') lines.push(`ELEC  ${d.importKwh} kWh  ${d.powerW} W  cost ${money(d.costPence)}`);
    else lines.push(`GAS   ${d.volumeM3} m3  ${d.energyKwh} kWh  cost ${money(d.costPence)}  battery ${d.batteryPercent}%`);
    const credit = d.paymentMode === 'Prepayment' ? `  balance ${money(d.balancePence)}${d.emergencyCreditActive ? '  EMERGENCY CREDIT' : ''}` : '';
    lines.push(`      supply ${String(d.supply).toUpperCase()}  ${String(d.paymentMode).toLowerCase()}${credit}  (${age}s ago)`);
  }
  if (lines.length === 0) lines.push('NOT JOINED');
  return lines;
}
