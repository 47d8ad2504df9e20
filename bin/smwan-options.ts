import { Option } from 'commander';

/**
 * The SMWAN master secret from which every hub's MQTT password is derived. The default is public
 * and fine for a local emulator; set SMETSIM_SMWAN_SECRET when a broker is shared.
 */
export const DEFAULT_SMWAN_SECRET = 'smetsim-local-smwan-secret';

export function smwanSecretOption(): Option {
  return new Option('--smwan-secret <secret>', 'master secret for hub MQTT credentials')
    .env('SMETSIM_SMWAN_SECRET')
    .default(DEFAULT_SMWAN_SECRET);
}
