import type { UseCaseCodec } from './use-case-codec.js';

/** SRs 4.x: registers, profiles, daily and monthly logs, network data, event and security logs. */
export const READS: readonly UseCaseCodec[] = [];
