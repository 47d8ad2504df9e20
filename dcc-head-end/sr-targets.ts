import type { DeviceType } from '../protocol/device-type.js';
import type { RequestedService } from './pipeline/request.js';
import { SR_TABLE } from './service-request-table.js';

/**
 * Which device types a service request may target (DUIS E11). Derived from the catalogue: an SR
 * open to an electricity role (IS, ES, ED) applies to the ESME, one open to a gas role (GS, GT)
 * to the GSME, one open only to OU or RSA to both meters. A few SRs address other devices and are
 * listed here by name (GBCS use cases).
 */
const HUB_ONLY = ['8.9', '8.11', '8.12.1', '6.28', '6.29', '6.30', '6.31', '6.32'];
const OVERRIDES: Readonly<Record<string, readonly DeviceType[]>> = {
  ...Object.fromEntries(HUB_ONLY.map((sr) => [sr, ['CHF'] as const])),
  '8.12.2': ['GPF'],
  '8.1.1': ['ESME', 'GSME', 'GPF', 'IHD', 'PPMID'],
  '8.7.1': ['ESME', 'GSME', 'GPF'],
  '8.7.2': ['ESME', 'GSME', 'GPF'],
  '8.8.1': ['ESME', 'GSME', 'GPF'],
  '8.8.2': ['ESME', 'GSME', 'GPF'],
  '6.2.4': ['ESME', 'GSME', 'CHF', 'GPF', 'IHD', 'PPMID'],
  '11.2': ['ESME', 'GSME', 'CHF', 'GPF', 'IHD', 'PPMID'],
  '11.3': ['ESME', 'GSME', 'CHF', 'GPF', 'PPMID'],
};

export function targetTypes(sr: RequestedService): readonly DeviceType[] {
  const override = OVERRIDES[sr.variant];
  if (override) return override;
  const types: DeviceType[] = [];
  const eligible = (...roles: RequestedService['eligibleRoles']) => roles.some((r) => sr.eligibleRoles.includes(r));
  if (eligible('IS', 'ES', 'ED')) types.push('ESME');
  if (eligible('GS', 'GT')) types.push('GSME');
  return types.length > 0 ? types : ['ESME', 'GSME'];
}

/**
 * SRs a device may take before it is commissioned (the SR table's `installPhase`). Any other
 * device SR to a device that is not commissioned gets E5.
 */
export const INSTALL_PHASE_SRS: ReadonlySet<string> = new Set(
  Object.entries(SR_TABLE)
    .filter(([, b]) => b.installPhase)
    .map(([sr]) => sr),
);

/** Non-device SRs that need no existing device as target (the SR table's `noTarget`). */
export const NO_TARGET_SRS: ReadonlySet<string> = new Set(
  Object.entries(SR_TABLE)
    .filter(([, b]) => b.noTarget)
    .map(([sr]) => sr),
);
