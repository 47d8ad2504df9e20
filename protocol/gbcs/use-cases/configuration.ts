import type { PlainValue } from '../../cbor.js';
import { DER_CONFIGURATION } from './configuration/der-use-cases.js';
import { DLMS_CONFIGURATION } from './configuration/dlms-use-cases.js';
import { GBZ_CONFIGURATION } from './configuration/gbz-use-cases.js';
import { templateCodec, type TemplateDefinition } from './configuration/template-codec.js';
import type { UseCaseCodec } from './use-case-codec.js';

export { WHOLE_BODY, templateCodec, type TemplateDefinition } from './configuration/template-codec.js';
export { ALERT_FILTER_BITS, alertCodeOfBit, bitOfAlertCode } from './configuration/log-and-alert-slots.js';

const DEFINITIONS: readonly TemplateDefinition[] = [...DLMS_CONFIGURATION, ...GBZ_CONFIGURATION, ...DER_CONFIGURATION];

/** The `useCase` field of a body, when it names one. */
export function useCaseOfBody(body: PlainValue): string | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body) || body instanceof Uint8Array) return undefined;
  const uc = (body as Record<string, PlainValue>)['useCase'];
  return typeof uc === 'string' ? uc : undefined;
}

/**
 * Where a variant has several use cases on one device type (6.2.4 ECS26e and ECS26m, 6.22 ECS25a
 * to ECS25b3, 6.13 ECS35a, b, e, f, g), a body picks one by its `useCase` field; without one, the
 * first listed is meant (emulator choice: the one the built-in scenarios' bodies describe).
 */
function withSelection(def: TemplateDefinition, all: readonly TemplateDefinition[]): TemplateDefinition {
  const first = all.find((d) => d.variant === def.variant && d.device === def.device);
  return { ...def, selects: (body) => (useCaseOfBody(body) ?? first?.useCase) === def.useCase };
}

/** The definitions by use case, for devices that answer from them (their factory configuration). */
export const CONFIGURATION_DEFINITIONS: ReadonlyMap<string, TemplateDefinition> = new Map(
  DEFINITIONS.map((d) => [d.useCase, d]),
);

/** SRs 6.2.x, 6.4 to 6.13, 6.18, 6.20, 6.22, 6.25 to 6.27: thresholds, alert configuration, device configuration. */
export const CONFIGURATION: readonly UseCaseCodec[] = DEFINITIONS.map((d) =>
  templateCodec(withSelection(d, DEFINITIONS)),
);
