import { isEligible, type ServiceRequest } from '../protocol/index.js';
import type { DeviceType } from '../protocol/device-type.js';

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

export function targetTypes(sr: ServiceRequest): readonly DeviceType[] {
  const override = OVERRIDES[sr.variant];
  if (override) return override;
  const types: DeviceType[] = [];
  if (isEligible(sr, 'IS') || isEligible(sr, 'ES') || isEligible(sr, 'ED')) types.push('ESME');
  if (isEligible(sr, 'GS') || isEligible(sr, 'GT')) types.push('GSME');
  return types.length > 0 ? types : ['ESME', 'GSME'];
}

/**
 * SRs a device may take before it is commissioned: what an installer needs (BPM 01.01). Any other
 * device SR to a device that is not commissioned gets E5.
 */
export const INSTALL_PHASE_SRS: ReadonlySet<string> = new Set([
  '6.20.1',
  '6.20.2',
  '8.1.1',
  '8.7.1',
  '8.7.2',
  '8.11',
  '8.9',
  '6.2.4',
  '6.2.7',
  '11.2',
  '6.11',
  '6.15.2',
  '6.23',
]);

/** Non-device SRs that need no existing device as target (the DCC answers about itself or creates one). */
export const NO_TARGET_SRS: ReadonlySet<string> = new Set(['12.1', '12.2', '5.2', '5.3', '8.6']);
