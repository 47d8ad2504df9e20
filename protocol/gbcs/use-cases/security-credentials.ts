import type { UseCaseCodec } from './use-case-codec.js';

/** SRs 6.14, 6.15, 6.17, 6.21, 6.23, 6.24 and the DBCH SRs 6.28 to 6.32: security credentials and dual-band CHF. */
export const SECURITY_CREDENTIALS: readonly UseCaseCodec[] = [];
