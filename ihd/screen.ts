import type { PlainValue } from '../protocol/index.js';

/** What a display last heard from one meter. */
export interface MeterReading {
  readonly at: number;
  readonly data: { readonly [key: string]: PlainValue };
}

/** A reading's value as the display writes it: a number or a word, never `[object Object]`. */
const show = (value: PlainValue | undefined): string =>
  typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean' ? String(value) : '—';

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
    if (fuel === 'electricity')
      lines.push(`ELEC  ${show(d.importKwh)} kWh  ${show(d.powerW)} W  cost ${money(d.costPence)}`);
    else
      lines.push(
        `GAS   ${show(d.volumeM3)} m3  ${show(d.energyKwh)} kWh  cost ${money(d.costPence)}  battery ${show(d.batteryPercent)}%`,
      );
    const credit =
      d.paymentMode === 'Prepayment'
        ? `  balance ${money(d.balancePence)}${d.emergencyCreditActive ? '  EMERGENCY CREDIT' : ''}`
        : '';
    lines.push(
      `      supply ${show(d.supply).toUpperCase()}  ${show(d.paymentMode).toLowerCase()}${credit}  (${age}s ago)`,
    );
  }
  if (lines.length === 0) lines.push('NOT JOINED');
  return lines;
}
