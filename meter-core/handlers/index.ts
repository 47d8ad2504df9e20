import type { HandlerTable } from '../../device-core/handlers.js';
import type { MeterFirmware } from '../meter-firmware.js';
import { CONFIGURATION_HANDLERS } from './configuration.js';
import { FIRMWARE_HANDLERS } from './firmware.js';
import { INSTALLATION_HANDLERS } from './installation.js';
import { PREPAYMENT_HANDLERS } from './prepayment.js';
import { READ_HANDLERS } from './reads.js';
import { SECURITY_HANDLERS } from './security.js';
import { SUPPLY_HANDLERS } from './supply.js';
import { TARIFF_HANDLERS } from './tariff.js';
import { TENANCY_HANDLERS } from './tenancy.js';

/**
 * The service requests the ESME and the GSME execute alike, one file per SR family. Each meter
 * adds its own (meter-esme/handlers/, meter-gsme/handlers/) and may replace an entry.
 */
export const METER_HANDLERS: HandlerTable<MeterFirmware> = {
  ...TARIFF_HANDLERS,
  ...PREPAYMENT_HANDLERS,
  ...READ_HANDLERS,
  ...CONFIGURATION_HANDLERS,
  ...SECURITY_HANDLERS,
  ...SUPPLY_HANDLERS,
  ...INSTALLATION_HANDLERS,
  ...FIRMWARE_HANDLERS,
  ...TENANCY_HANDLERS,
};
