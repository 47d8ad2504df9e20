import { describe, expect, it } from 'vitest';
import { parseEui } from '../../protocol/index.js';
import { ALERT_ROUTES, alertRecipients, routeOf } from '../../dcc-head-end/alert-routing.js';
import { Inventory, type DeviceRecord } from '../../dcc-head-end/inventory.js';
import { Registration } from '../../dcc-head-end/registration.js';
import { openDatabase } from '../../dcc-head-end/storage/database.js';

const NOW = Date.UTC(2026, 10, 28, 12);
const db = openDatabase('memory');
const registration = new Registration(db);
const inventory = new Inventory(db);
const SUPPLIER = parseEui('90-B3-D5-1F-30-01-00-00');
const NETWORK = parseEui('90-B3-D5-1F-30-02-00-00');
const MOP = parseEui('90-B3-D5-1F-30-05-00-00');
const HUB = parseEui('00-DB-12-00-00-00-01-01');
const MPAN = '1200000000001';
const esme: DeviceRecord = {
  eui: parseEui('00-DB-12-00-00-00-01-03'),
  type: 'ESME',
  status: 'Commissioned',
  hub: HUB,
  mpxn: MPAN,
  ds: undefined,
  ka: undefined,
};
inventory.put(esme, NOW);
registration.register(MPAN, 'importSupplier', SUPPLIER, NOW - 1000);
registration.register(MPAN, 'electricityDistributor', NETWORK, NOW - 1000);
registration.register(MPAN, 'meterOperator', MOP, NOW - 1000);

const to = (code: number) => alertRecipients(code, esme, null, registration, inventory, NOW).sort();

/** FACTS: Alerts, and issue 11 §6: device faults also reach the registered meter operator. */
describe('alert routing: one table, resolved against the registration on the date', () => {
  it.each([
    ['tamper detect', 0x8f3f],
    ['meter cover removed', 0x8f74],
    ['strong magnetic field', 0x8f75],
    ['terminal cover removed', 0x8f76],
    ['second terminal cover removed', 0x8f77],
    ['other unauthorised physical access', 0x8f78],
    ['firmware verification failed', 0x8f1c],
    ['smart meter integrity issue, warning', 0x81a0],
    ['low battery capacity', 0x8f1f],
  ])('fault: %s goes to the supplier and the registered meter operator', (_name, code) => {
    expect(to(code)).toEqual([SUPPLIER, MOP].sort());
  });

  it('a supply interruption goes to the network operator only, a restoration to it and the supplier (FACTS)', () => {
    for (const code of [0x8f57, 0x8f58, 0x8f59, 0x8f5a]) expect(to(code)).toEqual([NETWORK]);
    expect(to(0x8f36)).toEqual([SUPPLIER, NETWORK].sort());
  });

  it('credit alerts and firmware success go to the supplier alone; the meter operator hears no more than faults', () => {
    for (const code of [0x810d, 0x8f0f, 0x810e, 0x81aa, 0x8f72]) expect(to(code)).toEqual([SUPPLIER]);
    const toMop = Object.entries(ALERT_ROUTES).filter(([, r]) => r.includes('meterOperator'));
    expect(toMop.every(([, r]) => r.includes('supplier'))).toBe(true);
  });

  it('a code outside the table goes to the supplier; a future-dated result to the requester it names', () => {
    expect(routeOf(0x1234)).toEqual(['supplier']);
    expect(to(0x1234)).toEqual([SUPPLIER]);
    expect(alertRecipients(0x8f66, esme, { requester: NETWORK }, registration, inventory, NOW)).toEqual([NETWORK]);
  });

  it('without a registered meter operator, a fault still reaches the supplier', () => {
    const gasMeter: DeviceRecord = { ...esme, eui: parseEui('00-DB-12-00-00-00-01-04'), type: 'GSME', mpxn: '123' };
    registration.register('123', 'gasSupplier', SUPPLIER, NOW - 1000);
    expect(alertRecipients(0x8f3f, gasMeter, null, registration, inventory, NOW)).toEqual([SUPPLIER]);
  });
});
