import type { UseCaseCodec } from './use-case-codec.js';
import {
  ECS04A,
  ECS04B,
  ECS05,
  ECS09,
  GCS06,
  GCS40A,
  GCS40B,
  GCS40C,
  GCS40D,
} from './tariff-prepayment-tenancy/credit.js';
import {
  CS11,
  ECS10,
  ECS12,
  ECS14,
  ECS15A,
  ECS15C,
  ECS16,
  ECS50,
  GCS07,
  GCS09,
  GCS11,
  GCS31,
  GCS36,
  GCS44,
} from './tariff-prepayment-tenancy/tenancy.js';
import { ECS02, ECS03 } from './tariff-prepayment-tenancy/payment-mode.js';
import { ECS08 } from './tariff-prepayment-tenancy/prepay-config.js';
import { ECS01A, ECS01B } from './tariff-prepayment-tenancy/tariff-esme.js';
import { CS01A, CS01B } from './tariff-prepayment-tenancy/top-up.js';

export { utrnCreditPence } from './tariff-prepayment-tenancy/top-up.js';

/**
 * SRs 1.x (tariffs), 2.x (prepayment), 3.x (change of tenancy, debt, supplier details), 9.x and
 * 14.x: one codec per GBCS use case, in `tariff-prepayment-tenancy/`. Each file's doc comment
 * names the body fields and where GBCS carries them.
 */
export const TARIFF_PREPAYMENT_TENANCY: readonly UseCaseCodec[] = [
  ECS01A,
  ECS01B,
  CS01A,
  CS01B,
  ECS04A,
  ECS04B,
  ECS02,
  ECS03,
  ECS08,
  GCS40A,
  GCS40B,
  GCS40C,
  GCS40D,
  ECS05,
  ECS09,
  GCS06,
  ECS10,
  GCS07,
  ECS12,
  GCS09,
  ECS15A,
  ECS15C,
  CS11,
  ECS16,
  GCS44,
  ECS14,
  GCS11,
  ECS50,
  GCS36,
  GCS31,
];
