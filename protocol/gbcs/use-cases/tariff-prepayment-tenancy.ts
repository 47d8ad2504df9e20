import type { UseCaseCodec } from './use-case-codec.js';

/** SRs 1.x (tariffs), 2.x (prepayment), 3.x (change of tenancy, debt, supplier details), 9.x and 14.x. */
export const TARIFF_PREPAYMENT_TENANCY: readonly UseCaseCodec[] = [];
