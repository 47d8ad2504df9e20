import { describe, expect, it } from 'vitest';
import { chooseRole } from '../../../dcc-head-end/duis/user-role.js';
import { serviceRequest, type UserRole } from '../../../protocol/index.js';

const supplier = ['ImportSupplier', 'GasSupplier'] as const;
const none = () => false;

describe('the DUIS user role, from the party and its registration (there is no role field)', () => {
  it('a supplier reading an ESME is IS, a GSME is GS (4.1.1 is open to IS GS ED GT)', () => {
    const sr = serviceRequest('4.1.1');
    expect(chooseRole({ categories: supplier, serviceRequest: sr, targetType: 'ESME', registeredAs: none })).toBe('IS');
    expect(chooseRole({ categories: supplier, serviceRequest: sr, targetType: 'GSME', registeredAs: none })).toBe('GS');
  });

  it('a network operator reading a GSME is GT', () => {
    const categories = ['ElectricityDistributor', 'GasTransporter'] as const;
    expect(
      chooseRole({ categories, serviceRequest: serviceRequest('4.1.1'), targetType: 'GSME', registeredAs: none }),
    ).toBe('GT');
  });

  it('on a hub device, the role the party is registered in wins', () => {
    const registeredAs = (role: UserRole) => role === 'GS';
    expect(
      chooseRole({ categories: supplier, serviceRequest: serviceRequest('8.2'), targetType: 'CHF', registeredAs }),
    ).toBe('GS');
  });

  it('a role the SR does not allow is still chosen, so the pipeline answers E2', () => {
    // 6.18.2 is open to ED only.
    expect(
      chooseRole({
        categories: supplier,
        serviceRequest: serviceRequest('6.18.2'),
        targetType: 'ESME',
        registeredAs: none,
      }),
    ).toBe('IS');
  });

  it('a party with no DUIS user role category gets none (E1)', () => {
    expect(
      chooseRole({
        categories: ['DCC'],
        serviceRequest: serviceRequest('4.1.1'),
        targetType: 'ESME',
        registeredAs: none,
      }),
    ).toBeUndefined();
  });
});
