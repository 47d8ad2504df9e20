import type { UseCaseCodec } from './use-case-codec.js';

/** SRs 8.9, 8.11, 8.12.1: the CHF device log (CCS01 to CCS07). */
export const HUB_DEVICE_LOG: readonly UseCaseCodec[] = [];
