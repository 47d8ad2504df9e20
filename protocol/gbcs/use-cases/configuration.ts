import type { UseCaseCodec } from './use-case-codec.js';

/** SRs 6.2.x, 6.4 to 6.13, 6.18, 6.20, 6.22, 6.25 to 6.27: thresholds, alert configuration, device configuration. */
export const CONFIGURATION: readonly UseCaseCodec[] = [];
