import { allowedCommandVariants, SERVICE_REQUESTS, type ServiceRequest } from '../../protocol/index.js';
import { REQUEST_BODY_SCHEMA } from './schemas.js';

/** The component name of one SR's request schema: `SR_4_1_1`. */
export function serviceRequestSchemaName(sr: ServiceRequest): string {
  return `SR_${sr.variant.replaceAll('.', '_')}`;
}

/**
 * One request schema per SR variant, generated from the catalogue that the request pipeline checks
 * against (protocol/catalogue.ts): the roles eligible for it (else E2) and the command variants it
 * takes (else E12). The common fields are REQUEST_BODY_SCHEMA's, the schema fastify validates.
 *
 * The SR `body` stays an open object except where the SR table defines a body rule: 2.2 (a UTRN,
 * or a value and class for the token service). The device models check other bodies field by field
 * (device-core/payload.ts) in code, not in a schema; a schema per SR body would need that code
 * turned into a table first.
 */
export function serviceRequestSchemas(): Record<string, unknown> {
  const common = REQUEST_BODY_SCHEMA.properties;
  const out: Record<string, unknown> = {};
  for (const sr of SERVICE_REQUESTS) {
    const variants = allowedCommandVariants(sr);
    out[serviceRequestSchemaName(sr)] = {
      type: 'object',
      title: `${sr.variant} ${sr.name}`,
      description: `${sr.name}${sr.critical ? ' (critical: variant 4 returns the pre-command, variant 5 sends it signed)' : ''}${sr.nonDevice ? ' (answered by the DCC)' : ''}. Eligible roles: ${sr.eligibleRoles.join(', ')}.`,
      additionalProperties: false,
      required: [...REQUEST_BODY_SCHEMA.required],
      properties: {
        ...common,
        role: { type: 'string', enum: [...sr.eligibleRoles] },
        serviceReferenceVariant: { type: 'string', const: sr.variant },
        commandVariant: { type: 'integer', enum: [...variants] },
        body: BODY_SCHEMAS[sr.variant] ?? common.body,
      },
    };
  }
  return out;
}

const BODY_SCHEMAS: Readonly<Record<string, unknown>> = {
  // service-request-table.ts, topUpPayload: a UTRN the supplier made, or one the token service makes.
  '2.2': {
    oneOf: [
      {
        type: 'object',
        required: ['utrn'],
        properties: { utrn: { type: 'string', pattern: '^\\d{20}$' } },
      },
      {
        type: 'object',
        required: ['value', 'valueClass'],
        properties: {
          value: { type: 'integer', minimum: 1, maximum: 8191 },
          valueClass: { type: 'string', enum: ['pounds', 'pennies'] },
        },
      },
    ],
  },
};

/** The request body of POST /v1/requests: one of the SR schemas, picked by serviceReferenceVariant. */
export function serviceRequestUnion(): unknown {
  const refs = SERVICE_REQUESTS.map((sr) => `#/components/schemas/${serviceRequestSchemaName(sr)}`);
  return {
    oneOf: refs.map(($ref) => ({ $ref })),
    discriminator: {
      propertyName: 'serviceReferenceVariant',
      mapping: Object.fromEntries(SERVICE_REQUESTS.map((sr, i) => [sr.variant, refs[i]!])),
    },
  };
}
