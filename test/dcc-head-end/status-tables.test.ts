import { describe, expect, it } from 'vitest';
import { expectExhaustively } from '../support/state-machines.js';
import { INVENTORY_STATUS } from '../../dcc-head-end/inventory-status.js';
import { PARTY_STATUS } from '../../dcc-head-end/party-status.js';
import { nodeCrypto, parseEui } from '../../protocol/index.js';
import { PartyRegistry } from '../../dcc-head-end/parties.js';
import { ENTRY_PROCESSES } from '../../dcc-head-end/party-status.js';
import { Registration } from '../../dcc-head-end/registration.js';
import { openDatabase } from '../../dcc-head-end/storage/database.js';

describe('head-end status tables, every cell', () => {
  it('party status (SEC ch. 3, 5, 6, 19)', () => {
    expectExhaustively(PARTY_STATUS, {
      Applied: { accede: 'Acceded', withdraw: 'Withdrawn' },
      Acceded: { activate: 'Active', withdraw: 'Withdrawn', expel: 'Expelled' },
      Active: { suspend: 'Suspended', withdraw: 'Withdrawn', expel: 'Expelled' },
      Suspended: { reinstate: 'Active', withdraw: 'Withdrawn', expel: 'Expelled' },
      Withdrawn: {},
      Expelled: {},
    });
  });

  it('inventory status (BPM 01.01)', () => {
    expectExhaustively(INVENTORY_STATUS, {
      PreNotified: { install: 'Installed', decommission: 'Decommissioned' },
      Installed: { commission: 'Commissioned', decommission: 'Decommissioned', withdraw: 'Withdrawn' },
      Commissioned: { decommission: 'Decommissioned', withdraw: 'Withdrawn', suspend: 'Suspended' },
      Suspended: { resume: 'Commissioned', decommission: 'Decommissioned', withdraw: 'Withdrawn' },
      Decommissioned: {},
      Withdrawn: {},
    });
  });
});

describe('party registry and registration history (SQLite)', () => {
  const db = openDatabase('memory');
  const parties = new PartyRegistry(db);
  const eui = parseEui('90-B3-D5-1F-30-09-00-01');
  const key = nodeCrypto.keyPairFromSeed(Buffer.from('p')).publicKey;

  it('activates only after all four entry processes, each recorded with its date', () => {
    parties.add({ eui, name: 'Acme Energy', categories: ['ImportSupplier'], keys: { ds: key } });
    parties.transition(eui, 'accede', 1);
    expect(() => parties.transition(eui, 'activate', 2)).toThrow(
      /entry processes: security, communicationsTest, businessProcessCapability, financialSecurity/,
    );
    ENTRY_PROCESSES.forEach((p, i) => parties.recordEntryProcess(eui, p, 10 + i));
    expect(parties.transition(eui, 'activate', 20)).toMatchObject({
      status: 'Active',
      entry: { security: 10, financialSecurity: 13 },
    });
  });

  it('records what a suspension covers, and clears it on reinstatement', () => {
    expect(parties.transition(eui, 'suspend', 30, { services: ['4.1.1'], keepTopUp: false }).suspension).toEqual({
      services: ['4.1.1'],
      keepTopUp: false,
      since: 30,
    });
    expect(parties.transition(eui, 'reinstate', 40).suspension).toBeUndefined();
  });

  it('survives reopening from the same rows (keys round-trip)', () => {
    const again = new PartyRegistry(db).get(eui)!;
    expect(Buffer.from(again.keys.ds.point)).toEqual(Buffer.from(key.point));
    expect(again.status).toBe('Active');
  });

  it('keeps registration history: a new supplier closes the previous period at its start', () => {
    const registration = new Registration(db);
    const a = parseEui('90-B3-D5-1F-30-01-00-00');
    const b = parseEui('90-B3-D5-1F-30-03-00-00');
    registration.register('1234567890126', 'importSupplier', a, 100);
    registration.register('1234567890126', 'importSupplier', b, 200);
    expect(registration.partyAt('1234567890126', 'importSupplier', 150)).toBe(a);
    expect(registration.partyAt('1234567890126', 'importSupplier', 200)).toBe(b);
    expect(registration.partyAt('1234567890126', 'importSupplier', 50)).toBeUndefined();
    expect(registration.history('1234567890126')).toEqual([
      { mpxn: '1234567890126', role: 'importSupplier', party: a, from: 100, to: 200 },
      { mpxn: '1234567890126', role: 'importSupplier', party: b, from: 200, to: undefined },
    ]);
  });
});
