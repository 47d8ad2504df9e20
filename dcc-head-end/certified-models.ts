import type { DeviceType } from '../protocol/device-type.js';

/**
 * The DCC's list of certified device models (SEC §142: only certified models may be enrolled).
 * The emulator's own devices report these; a team may add theirs here. Pre-notifying any other
 * model is refused.
 */
export const CERTIFIED_MODELS: Readonly<Record<string, DeviceType>> = {
  'smetsim-chf-1': 'CHF',
  'smetsim-gpf-1': 'GPF',
  'smetsim-esme-1': 'ESME',
  'smetsim-gsme-1': 'GSME',
  'smetsim-ihd-1': 'IHD',
  'smetsim-ppmid-1': 'PPMID',
};

export function modelFor(type: DeviceType): string {
  return `smetsim-${type.toLowerCase()}-1`;
}
