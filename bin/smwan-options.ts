import { Option } from 'commander';
import { UsageError } from './cli-errors.js';
import { url } from './option-parsers.js';

/**
 * The SMWAN master secret from which every hub's MQTT password is derived. The default is public
 * and fine for a local emulator; set SMETSIM_SMWAN_SECRET when a broker is shared.
 */
export const DEFAULT_SMWAN_SECRET = 'smetsim-local-smwan-secret';

export function smwanSecretOption(): Option {
  return new Option('--smwan-secret <secret>', 'master secret for hub MQTT credentials')
    .env('SMETSIM_SMWAN_SECRET')
    .default(DEFAULT_SMWAN_SECRET)
    .argParser((text) => {
      // The same floor as SmwanCredentials (smwan/credentials.ts), checked before anything starts.
      if (text.length < 16) throw new UsageError('--smwan-secret must be at least 16 characters', '--smwan-secret');
      return text;
    });
}

/** `--broker <url>`: an external MQTT broker, which must accept the derived credentials. */
export function brokerOption(description: string): Option {
  return new Option('--broker <url>', description).argParser(
    url('--broker', ['mqtt', 'mqtts', 'tcp', 'tls', 'ws', 'wss'], 'mqtt://127.0.0.1:1883'),
  );
}
