import type { DeviceType } from '../../device-type.js';
import type { PlainValue } from '../../cbor.js';
import { CONFIGURATION } from './configuration.js';
import { HUB_DEVICE_LOG } from './hub-device-log.js';
import { READS } from './reads.js';
import { SECURITY_CREDENTIALS } from './security-credentials.js';
import { SUPPLY_INSTALL_FIRMWARE } from './supply-install-firmware.js';
import { TARIFF_PREPAYMENT_TENANCY } from './tariff-prepayment-tenancy.js';
import type { UseCaseCodec } from './use-case-codec.js';

export * from './use-case-codec.js';

/** Every use case with a codec, one list per SR family (each family's file owns its list). */
export const USE_CASES: readonly UseCaseCodec[] = [
  ...TARIFF_PREPAYMENT_TENANCY,
  ...READS,
  ...CONFIGURATION,
  ...SECURITY_CREDENTIALS,
  ...SUPPLY_INSTALL_FIRMWARE,
  ...HUB_DEVICE_LOG,
];

const BY_CODE = new Map<number, UseCaseCodec>(USE_CASES.map((codec) => [codec.messageCode, codec]));

/** The device side: the codec a received message code names. */
export function useCaseByMessageCode(code: number): UseCaseCodec | undefined {
  return BY_CODE.get(code);
}

/** The head-end side: the use case a service request becomes on this device type, for this body. */
export function useCaseFor(variant: string, device: DeviceType, body: PlainValue): UseCaseCodec | undefined {
  return USE_CASES.find(
    (codec) => codec.variant === variant && codec.device === device && (codec.selects?.(body) ?? true),
  );
}
