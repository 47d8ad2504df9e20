import { AUXILIARY_LOAD_USE_CASES } from './supply-install-firmware/auxiliary-load.js';
import { AUXILIARY_LOAD_READ_USE_CASES } from './supply-install-firmware/auxiliary-load-reads.js';
import { AUXILIARY_LOAD_LOG_USE_CASES } from './supply-install-firmware/auxiliary-load-logs.js';
import { COMMISSION_USE_CASES } from './supply-install-firmware/commission.js';
import { FIRMWARE_USE_CASES } from './supply-install-firmware/firmware.js';
import { GCS59 } from './supply-install-firmware/gpf-device-log.js';
import { JOIN_USE_CASES } from './supply-install-firmware/join.js';
import { SUPPLY_USE_CASES } from './supply-install-firmware/supply.js';
import type { UseCaseCodec } from './use-case-codec.js';

/**
 * SRs 7.x (supply, valve, auxiliary load control), 8.x (commissioning, join, unjoin; not the CHF
 * device log) and 11.x (firmware). One file per SR group in `supply-install-firmware/`.
 *
 * Several use cases share a message code across variants or device types (CS03A2, CS03C and
 * CS04AC serve both the critical and the non-critical variant; CS03A1, CS06, CS08 several device
 * types): their codecs decode alike, so whichever `useCaseByMessageCode` returns reads the
 * content right, but the variant it names is one of them.
 */
export const SUPPLY_INSTALL_FIRMWARE: readonly UseCaseCodec[] = [
  ...SUPPLY_USE_CASES,
  ...AUXILIARY_LOAD_USE_CASES,
  ...AUXILIARY_LOAD_READ_USE_CASES,
  ...AUXILIARY_LOAD_LOG_USE_CASES,
  ...COMMISSION_USE_CASES,
  ...JOIN_USE_CASES,
  GCS59,
  ...FIRMWARE_USE_CASES,
];
