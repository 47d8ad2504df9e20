import { SERVICE_REQUESTS } from './catalogue.generated.js';
import { ValidationError } from './errors.js';
import { accessTypeOf, type AccessType, type UserRole } from './roles.js';
import type { CommandVariant } from './command-variants.js';

export { SERVICE_REQUESTS };

export type ServiceRequest = (typeof SERVICE_REQUESTS)[number];
export type ServiceReferenceVariant = ServiceRequest['variant'];

const BY_VARIANT: ReadonlyMap<string, ServiceRequest> = new Map(SERVICE_REQUESTS.map((sr) => [sr.variant, sr]));

export function isServiceReferenceVariant(value: unknown): value is ServiceReferenceVariant {
  return typeof value === 'string' && BY_VARIANT.has(value);
}

export function findServiceRequest(variant: string): ServiceRequest | undefined {
  return BY_VARIANT.get(variant);
}

export function serviceRequest(variant: string): ServiceRequest {
  const sr = BY_VARIANT.get(variant);
  if (!sr) {
    throw new ValidationError(
      'UNKNOWN_SERVICE_REQUEST',
      `"${variant}" is not a DUIS service reference variant (see reference/service-requests.csv)`,
      'serviceReferenceVariant',
    );
  }
  return sr;
}

export function isEligible(sr: ServiceRequest, role: UserRole): boolean {
  return (sr.eligibleRoles as readonly string[]).includes(role);
}

/**
 * The access rule for one (variant, role) pair, or undefined when the role is not eligible (DUIS
 * E2). A supplier role is Type A, a network role Type B, OU Type C (consent), RSA follows the
 * registered meter operator.
 */
export function accessFor(sr: ServiceRequest, role: UserRole): AccessType | undefined {
  return isEligible(sr, role) ? accessTypeOf(role) : undefined;
}

/**
 * The command variants a request may use (DUIS). A non-device request is answered by the DCC (8);
 * a critical one goes through the pre-command round trip (4, then 5..7); the rest 1..3.
 */
export function allowedCommandVariants(sr: ServiceRequest): readonly CommandVariant[] {
  if (sr.nonDevice) return [8];
  if (sr.critical) return [4, 5, 6, 7];
  return [1, 2, 3];
}
