import type { UseCaseCodec } from './use-case-codec.js';
import { ESME_CORE_READS } from './reads/esme-core.js';
import { GSME_CORE_READS } from './reads/gsme-core.js';
import { ESME_MORE_READS } from './reads/esme-more.js';
import { GSME_MORE_READS } from './reads/gsme-more.js';

/**
 * SRs 4.x: registers, profiles, daily and monthly logs, network data, event and security logs.
 * Each codec is built from the RTDS use case's COMMAND and RESPONSE (folder
 * `rtds-4.5.0/<SR>_<use case>`). Encrypted answers (GBCS-FACTS §6.5) are given and taken in
 * their plaintext form: see `reads/dlms-read.ts` (DLMS) and `reads/gbz-read.ts` (GBZ,
 * `encryptedComponents`).
 */
export const READS: readonly UseCaseCodec[] = [
  ...ESME_CORE_READS,
  ...GSME_CORE_READS,
  ...ESME_MORE_READS,
  ...GSME_MORE_READS,
];
