import { describe, expect, it } from 'vitest';
import {
  accessFor,
  allowedCommandVariants,
  formatEuiBytes,
  isEligible,
  nodeCrypto,
  SERVICE_REQUESTS,
  USER_ROLE_CODES,
  type CommandVariant,
  type PartyCategory,
  type ServiceRequest,
  type UserRole,
} from '../../protocol/index.js';
import type { DeviceType } from '../../device-core/firmware.js';
import { Consents } from '../../dcc-head-end/consents.js';
import { DuisError } from '../../dcc-head-end/duis-error.js';
import { Inventory } from '../../dcc-head-end/inventory.js';
import { PartyRegistry, ROLE_CATEGORY, type Party } from '../../dcc-head-end/parties.js';
import { runAccessControl } from '../../dcc-head-end/pipeline/access-control.js';
import { Registration, type RegistrationRole } from '../../dcc-head-end/registration.js';
import { NO_TARGET_SRS, targetTypes } from '../../dcc-head-end/sr-targets.js';
import { openDatabase } from '../../dcc-head-end/storage/database.js';
import { premisesEui, premisesMpan, premisesMprn } from '../../world/premises.js';

const NOW = Date.UTC(2026, 10, 28, 12);
const db = openDatabase('memory');
const parties = new PartyRegistry(db);
const registration = new Registration(db);
const consents = new Consents(db);
const inventory = new Inventory(db);
// Two premises: active parties are registered at premises 1, suspended ones at premises 2, so that
// each registration stands alone (a new registration closes the previous period).
const premisesOf = (suspended: boolean) => (suspended ? 2 : 1);
for (const index of [1, 2]) {
  for (const type of ['CHF', 'GPF', 'ESME', 'GSME', 'IHD', 'PPMID'] as DeviceType[]) {
    const mpxn = type === 'ESME' ? premisesMpan(index) : type === 'GSME' ? premisesMprn(index) : undefined;
    inventory.put(
      {
        eui: premisesEui(index, type),
        type,
        status: 'Commissioned',
        hub: premisesEui(index, 'CHF'),
        mpxn,
        ds: undefined,
        ka: undefined,
      },
      NOW,
    );
  }
}

function rolePoints(role: UserRole, index: number): [RegistrationRole, string][] {
  const table: Record<UserRole, [RegistrationRole, string][]> = {
    IS: [['importSupplier', premisesMpan(index)]],
    ES: [['exportSupplier', premisesMpan(index)]],
    GS: [['gasSupplier', premisesMprn(index)]],
    ED: [['electricityDistributor', premisesMpan(index)]],
    GT: [['gasTransporter', premisesMprn(index)]],
    RSA: [
      ['meterOperator', premisesMpan(index)],
      ['meterOperator', premisesMprn(index)],
    ],
    OU: [],
  };
  return table[role];
}

/** Two parties per role: one registered (or with consent) and one not; each active and suspended. */
function party(role: UserRole, n: number, suspended: boolean): Party {
  const bytes = Buffer.from([0x90, 0xb3, 0xd5, 0x1f, 0x40, USER_ROLE_CODES.indexOf(role), n, suspended ? 1 : 0]);
  const eui = formatEuiBytes(bytes);
  const existing = parties.get(eui);
  if (existing) return existing;
  const categories: PartyCategory[] = [ROLE_CATEGORY[role]];
  parties.add({
    eui,
    name: `${role}-${n}`,
    categories,
    keys: { ds: nodeCrypto.keyPairFromSeed(bytes).publicKey },
    status: 'Active',
    entry: {},
  });
  if (suspended) parties.transition(eui, 'suspend', NOW - 1000, { services: 'all', keepTopUp: true });
  return parties.get(eui)!;
}

for (const role of USER_ROLE_CODES) {
  for (const suspended of [false, true]) {
    const registered = party(role, 1, suspended);
    party(role, 2, suspended);
    for (const [what, point] of rolePoints(role, premisesOf(suspended)))
      registration.register(point, what, registered.eui, NOW - 86_400_000);
  }
}
// Other Users: party 1 has consent (for the consent cells), party 2 never does.
const ouWithConsent = [party('OU', 1, false), party('OU', 1, true)];

/** The target a request for this SR and role would name: a device of a type the SR applies to, in the role's fuel. */
function targetFor(sr: ServiceRequest, role: UserRole, index: number) {
  const types = targetTypes(sr);
  const fuelType: DeviceType | undefined = ['IS', 'ES', 'ED'].includes(role)
    ? 'ESME'
    : ['GS', 'GT'].includes(role)
      ? 'GSME'
      : undefined;
  const type = fuelType && types.includes(fuelType) ? fuelType : types[0]!;
  return premisesEui(index, type);
}

/** The expected verdict, from the catalogue and the cell's facts alone. */
function expected(
  sr: ServiceRequest,
  role: UserRole,
  registered: boolean,
  suspended: boolean,
  consent: boolean,
): string {
  if (suspended && sr.variant !== '2.2') return 'E3';
  if (!isEligible(sr, role)) return 'E2';
  if (sr.nonDevice && NO_TARGET_SRS.has(sr.variant)) return 'PASS';
  const access = accessFor(sr, role);
  if (access === 'C') return consent ? 'PASS' : 'E4';
  return registered ? 'PASS' : 'E4';
}

function verdict(sr: ServiceRequest, role: UserRole, who: Party): string {
  const target = targetFor(sr, role, premisesOf(who.status === 'Suspended'));
  const request = {
    requestId: { originator: who.eui, target, counter: 1n },
    requestIdText: `${who.eui}:${target}:1`,
    role,
    serviceRequest: sr,
    commandVariant: allowedCommandVariants(sr)[0]!,
    body: null,
    executeAt: undefined,
    preCommand: undefined,
    signature: undefined,
  };
  try {
    runAccessControl(
      { now: NOW, party: who, request, target: undefined, meterPoint: undefined },
      { inventory, registration, consents },
    );
    return 'PASS';
  } catch (error) {
    if (error instanceof DuisError) return error.code;
    throw error;
  }
}

describe('access control for every SR variant against every role (generated from the catalogue)', () => {
  it('gives every cell its expected code: registered or not, active or suspended, with or without consent', () => {
    let cells = 0;
    const mismatches: string[] = [];
    for (const consent of [false, true]) {
      if (consent) {
        for (const ou of ouWithConsent) {
          const index = premisesOf(ou.status === 'Suspended');
          for (const point of [premisesMpan(index), premisesMprn(index)])
            consents.grant({ party: ou.eui, mpxn: point, scope: '*', expiresAt: NOW + 86_400_000 });
        }
      }
      for (const sr of SERVICE_REQUESTS) {
        for (const role of USER_ROLE_CODES) {
          for (const registered of [true, false]) {
            for (const suspended of [false, true]) {
              // The registered party is also the one holding consent (for OU).
              const who = party(role, registered ? 1 : 2, suspended);
              const hasConsent = consent && registered;
              const want = expected(sr, role, registered, suspended, hasConsent);
              const got = verdict(sr, role, who);
              cells++;
              if (got !== want)
                mismatches.push(
                  `${sr.variant} ${role} registered=${registered} suspended=${suspended} consent=${hasConsent}: expected ${want}, got ${got}`,
                );
            }
          }
        }
      }
    }
    expect(mismatches.slice(0, 20)).toEqual([]);
    expect(cells).toBe(129 * 7 * 2 * 2 * 2);
  });

  it('E1 when the party does not hold the category its role needs', () => {
    const supplier = party('IS', 1, false);
    expect(
      verdict(
        SERVICE_REQUESTS.find((s) => s.variant === '4.1.1')!,
        'GS',
        supplier,
      ),
    ).toBe('E1');
  });

  it('E19 for an unknown device, E5 for a decommissioned one, E11 for the wrong device type, E12 for the wrong variant', () => {
    const supplier = party('IS', 1, false);
    const read = SERVICE_REQUESTS.find((s) => s.variant === '4.1.1')!;
    const base = {
      requestIdText: '',
      role: 'IS' as const,
      serviceRequest: read,
      commandVariant: 1 as CommandVariant,
      body: null,
      executeAt: undefined,
      preCommand: undefined,
      signature: undefined,
    };
    const run = (target: string, overrides: Partial<typeof base> = {}) => {
      try {
        runAccessControl(
          {
            now: NOW,
            party: supplier,
            request: {
              ...base,
              ...overrides,
              requestId: { originator: supplier.eui, target: target as never, counter: 1n },
            },
            target: undefined,
            meterPoint: undefined,
          },
          { inventory, registration, consents },
        );
        return 'PASS';
      } catch (error) {
        return (error as DuisError).code;
      }
    };
    expect(run(premisesEui(9, 'ESME'))).toBe('E19');
    expect(run(premisesEui(1, 'IHD'))).toBe('E11');
    expect(run(premisesEui(1, 'ESME'), { commandVariant: 4 })).toBe('E12');
    inventory.put({ ...inventory.get(premisesEui(1, 'ESME'))!, status: 'Decommissioned' }, NOW);
    expect(run(premisesEui(1, 'ESME'))).toBe('E5');
    inventory.put({ ...inventory.get(premisesEui(1, 'ESME'))!, status: 'Commissioned' }, NOW);
    expect(run(premisesEui(1, 'ESME'))).toBe('PASS');
  });

  it('keeps top-up (2.2) open to a suspended supplier unless the suspension says otherwise', () => {
    const suspended = party('IS', 1, true);
    const topUp = SERVICE_REQUESTS.find((s) => s.variant === '2.2')!;
    expect(verdict(topUp, 'IS', suspended)).toBe('PASS');
    parties.transition(suspended.eui, 'reinstate', NOW);
    parties.transition(suspended.eui, 'suspend', NOW, { services: 'all', keepTopUp: false });
    expect(verdict(topUp, 'IS', parties.get(suspended.eui)!)).toBe('E3');
  });
});
