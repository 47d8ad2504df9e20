import { SCENARIO_SCHEMA } from '../scenario-runner/scenario-schema.js';

/**
 * The JSON Schema of a soak profile (docs/soak.md). Its actions are the scenario format's
 * `request`, `consumer` and `admin`, so a step reads the same in both; soak takes the subset that
 * makes sense for a fleet (checked in profile.ts).
 */
const step = SCENARIO_SCHEMA.definitions.step.properties;
const duration = { type: 'string', pattern: '^\\d+(ms|s|m|h)$' };
const durationOrShare = {
  type: 'string',
  pattern: '^(\\d+(ms|s|m|h)|\\d+(\\.\\d+)?%)$',
  description: 'a time from the start of the run (90s, 2m) or a share of its duration (30%)',
};

export const SOAK_PROFILE_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://smetsim.dev/soak-profile.schema.json',
  title: 'smetsim soak profile',
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1 },
    description: { type: 'string' },
    connect: {
      type: 'object',
      additionalProperties: false,
      properties: {
        perSecond: {
          type: 'number',
          minimum: 0,
          description: 'hubs connecting per second across the fleet; 0: everyone at once',
        },
      },
    },
    devices: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ihdRefresh: { ...duration, description: 'how often each IHD polls its meters over the HAN' },
        gsmeWake: { ...duration, description: 'the gas meters\u2019 wake interval' },
      },
    },
    dcc: {
      type: 'object',
      additionalProperties: false,
      properties: {
        outageAlertDelay: {
          ...duration,
          description: 'how long a hub is offline before N1 goes to the network operator',
        },
      },
    },
    targets: { $ref: '#/definitions/targets' },
    traffic: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['request', 'perPremises', 'per'],
        properties: {
          name: { type: 'string' },
          request: step.request,
          perPremises: {
            type: 'number',
            exclusiveMinimum: 0,
            description: 'how many of these requests each premises gets per `per`',
          },
          per: {
            oneOf: [duration, { const: 'run' }],
            description: 'a duration (1h, 24h), or run: spread over the run',
          },
        },
      },
    },
    events: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['at', 'share', 'steps'],
        properties: {
          name: { type: 'string' },
          at: durationOrShare,
          share: {
            type: 'string',
            pattern: '^\\d+(\\.\\d+)?%$',
            description: 'the share of the fleet it happens to (the lowest-numbered premises)',
          },
          spread: { ...duration, description: 'start the premises evenly over this window (default: all at once)' },
          steps: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              additionalProperties: false,
              properties: {
                name: { type: 'string' },
                request: step.request,
                consumer: step.consumer,
                admin: step.admin,
              },
            },
          },
        },
      },
    },
  },
  definitions: {
    targets: {
      type: 'object',
      additionalProperties: false,
      description:
        'response-time targets (FACTS: 30 s non-critical, 60 s critical, plus the wake interval for a GSME); a request class passes when its chosen percentile is within the target',
      properties: {
        nonCritical: duration,
        critical: duration,
        alertDelivery: duration,
        percentile: { type: 'number', minimum: 50, maximum: 100 },
      },
    },
  },
} as const;
