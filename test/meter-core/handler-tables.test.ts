import { describe, expect, it } from 'vitest';
import { METER_HANDLERS } from '../../meter-core/handlers/index.js';
import { CONFIGURATION_HANDLERS } from '../../meter-core/handlers/configuration.js';
import { FIRMWARE_HANDLERS } from '../../meter-core/handlers/firmware.js';
import { INSTALLATION_HANDLERS } from '../../meter-core/handlers/installation.js';
import { PREPAYMENT_HANDLERS } from '../../meter-core/handlers/prepayment.js';
import { READ_HANDLERS } from '../../meter-core/handlers/reads.js';
import { SECURITY_HANDLERS } from '../../meter-core/handlers/security.js';
import { SUPPLY_HANDLERS } from '../../meter-core/handlers/supply.js';
import { TARIFF_HANDLERS } from '../../meter-core/handlers/tariff.js';
import { TENANCY_HANDLERS } from '../../meter-core/handlers/tenancy.js';
import { ESME_HANDLERS } from '../../meter-esme/handlers/index.js';
import { GSME_HANDLERS } from '../../meter-gsme/handlers/index.js';
import { CHF_HANDLERS } from '../../hub/chf-handlers.js';
import { GPF_HANDLERS } from '../../hub/gpf-handlers.js';
import { findServiceRequest, MIRRORED_READS } from '../../protocol/index.js';

const FAMILIES = {
  tariff: TARIFF_HANDLERS,
  prepayment: PREPAYMENT_HANDLERS,
  reads: READ_HANDLERS,
  configuration: CONFIGURATION_HANDLERS,
  security: SECURITY_HANDLERS,
  supply: SUPPLY_HANDLERS,
  installation: INSTALLATION_HANDLERS,
  firmware: FIRMWARE_HANDLERS,
  tenancy: TENANCY_HANDLERS,
};

describe('service-request handler tables', () => {
  it('each SR a meter shares lives in exactly one family file', () => {
    const seen = new Map<string, string>();
    for (const [family, table] of Object.entries(FAMILIES)) {
      for (const variant of Object.keys(table)) {
        expect(seen.get(variant), `${variant} in ${family} and ${seen.get(variant)}`).toBeUndefined();
        seen.set(variant, family);
      }
    }
    expect([...seen.keys()].sort()).toEqual(Object.keys(METER_HANDLERS).sort());
  });

  it('every key of every table is a DUIS variant of the catalogue', () => {
    for (const table of [ESME_HANDLERS, GSME_HANDLERS, CHF_HANDLERS, GPF_HANDLERS]) {
      for (const variant of Object.keys(table)) expect(findServiceRequest(variant), variant).toBeDefined();
    }
  });

  it('each meter has the shared families and its own reads: the ESME 4.2 and 4.16, the GSME 6.6', () => {
    for (const variant of Object.keys(METER_HANDLERS)) {
      expect(ESME_HANDLERS[variant as keyof typeof ESME_HANDLERS], variant).toBeDefined();
      expect(GSME_HANDLERS[variant as keyof typeof GSME_HANDLERS], variant).toBeDefined();
    }
    expect(Object.keys(ESME_HANDLERS)).toEqual(expect.arrayContaining(['4.1.1', '4.2', '4.16', '6.20.2']));
    expect(Object.keys(ESME_HANDLERS)).not.toContain('6.6');
    expect(Object.keys(GSME_HANDLERS)).toEqual(expect.arrayContaining(['4.1.1', '6.6']));
    expect(Object.keys(GSME_HANDLERS)).not.toContain('4.16');
    // Both meters' 4.1.1 differ from each other (Wh against m3): neither is the shared one.
    expect(ESME_HANDLERS['4.1.1']).not.toBe(GSME_HANDLERS['4.1.1']);
  });

  it('the GSME executes every read the GPF answers from its mirror (FACTS: GPF)', () => {
    for (const variant of MIRRORED_READS) expect(GSME_HANDLERS[variant], variant).toBeDefined();
  });
});
