import { SEC_ACTIONS } from './sec-actions.js';
import { CHARGES_ACTIONS } from './charges-steps.js';

/**
 * The JSON Schema of a scenario file (docs/scenarios.md). The runner validates every file against
 * it, and `smetsim schema` prints it for editors. One source for both.
 */
const partyName = {
  type: 'string',
  enum: ['supplier', 'supplier2', 'networkOperator', 'otherUser', 'meterOperator', 'exportSupplier'],
};
const secPartyName = { type: 'string', enum: [...partyName.enum, 'applicant'] };
const deviceRef = {
  type: 'string',
  description: 'esme, gsme, hub, gpf, ihd, ppmid, newEsme (of the step\u2019s premises), or an EUI-64',
};
const subset = {
  type: 'object',
  description: 'fields that must be present with these values (numbers may be {gt, lt, gte, lte})',
};

export const SCENARIO_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://smetsim.dev/scenario.schema.json',
  title: 'smetsim scenario',
  type: 'object',
  additionalProperties: false,
  required: ['name', 'steps'],
  properties: {
    name: { type: 'string', minLength: 1 },
    description: { type: 'string' },
    fleet: {
      type: 'object',
      additionalProperties: false,
      properties: {
        premises: { type: 'integer', minimum: 1, maximum: 50, default: 1 },
        withPpmid: { type: 'boolean' },
        paymentMode: { type: 'string', enum: ['Credit', 'Prepayment'] },
        initialBalancePence: { type: 'integer' },
        gsmeWakeMinutes: { type: 'number', exclusiveMinimum: 0 },
        ihdRefreshMinutes: {
          type: 'number',
          exclusiveMinimum: 0,
          description: 'how often each IHD refreshes (default 10 s): a scenario that waits weeks sets it long',
        },
        tariff: {
          type: 'object',
          additionalProperties: false,
          required: ['unitRates'],
          description:
            'every meter starts on this tariff (pence per day, pence per kWh per TOU register, [halfHour, register] switching)',
          properties: {
            standingCharge: { type: 'number', minimum: 0 },
            unitRates: { type: 'array', minItems: 1, maxItems: 8, items: { type: 'number', minimum: 0 } },
            switching: { type: 'array' },
          },
        },
        installed: {
          type: 'integer',
          minimum: 0,
          maximum: 10,
          description:
            'extra premises, numbered after the others: devices installed with the supplier\u2019s credentials, not yet known to the DCC (for install scenarios)',
        },
      },
    },
    parties: {
      type: 'object',
      additionalProperties: false,
      description:
        'the built-in parties (supplier, supplier2, networkOperator, otherUser, meterOperator, exportSupplier); keys are generated from the seed unless keysFrom names a folder of <eui-hex>-ds.key, -ka.key, -pp-ka.key',
      properties: { keysFrom: { type: 'string' } },
    },
    registration: {
      type: 'array',
      description:
        'changes to the default registration (every premises supplied by supplier, networks run by networkOperator), applied before the first step',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['point', 'role', 'party'],
        properties: {
          premises: { type: 'integer', minimum: 1 },
          point: { type: 'string', enum: ['electricity', 'gas'] },
          role: {
            type: 'string',
            enum: [
              'importSupplier',
              'exportSupplier',
              'gasSupplier',
              'electricityDistributor',
              'gasTransporter',
              'meterOperator',
            ],
          },
          party: partyName,
        },
      },
    },
    steps: { type: 'array', minItems: 1, items: { $ref: '#/definitions/step' } },
  },
  definitions: {
    step: {
      type: 'object',
      additionalProperties: false,
      properties: {
        name: { type: 'string' },
        premises: {
          description: 'which premises (1-based), or "each" to repeat the step for every premises',
          oneOf: [{ type: 'integer', minimum: 1 }, { const: 'each' }],
        },
        request: {
          type: 'object',
          additionalProperties: false,
          required: ['as', 'sr', 'to'],
          properties: {
            as: partyName,
            role: { type: 'string', enum: ['IS', 'ES', 'GS', 'ED', 'GT', 'OU', 'RSA'] },
            sr: { type: 'string', pattern: '^\\d+(\\.\\d+)+$' },
            to: deviceRef,
            body: { type: 'object' },
            commandVariant: { type: 'integer', minimum: 1, maximum: 8 },
            executeIn: { type: 'string', pattern: '^\\d+(ms|s|m|h)$' },
            forge: {
              type: 'boolean',
              description: 'sign the pre-command with another party\u2019s key (a forged critical command)',
            },
          },
        },
        consumer: {
          type: 'object',
          additionalProperties: false,
          required: ['action'],
          properties: {
            action: {
              type: 'string',
              enum: [
                'enterUtrn',
                'emergencyCredit',
                'supplyButton',
                'tamper',
                'powerOutage',
                'powerRestore',
                'drainBattery',
                'hubOffline',
                'hubOnline',
                'replaceEsme',
              ],
            },
            utrn: { type: 'string' },
            fuel: { type: 'string', enum: ['electricity', 'gas'] },
            percent: { type: 'number' },
          },
        },
        admin: {
          type: 'object',
          additionalProperties: false,
          properties: {
            register: {
              type: 'object',
              additionalProperties: false,
              required: ['point', 'role', 'party'],
              properties: {
                point: { type: 'string', enum: ['electricity', 'gas'] },
                role: { type: 'string' },
                party: partyName,
              },
            },
            consent: {
              type: 'object',
              additionalProperties: false,
              required: ['party'],
              properties: { party: partyName, point: { type: 'string', enum: ['electricity', 'gas'] }, scope: {} },
            },
            suspend: partyName,
            reinstate: partyName,
          },
        },
        advance: { type: 'string', pattern: '^\\d+(ms|s|m|h|d)$' },
        charges: {
          type: 'object',
          additionalProperties: false,
          required: ['action'],
          description:
            'a charges verb (docs/charges.md): pay and dispute are the party’s signed calls; the DCC acts through the admin API',
          properties: {
            action: { type: 'string', enum: [...CHARGES_ACTIONS] },
            party: partyName,
            month: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' },
            amountPence: { type: 'integer' },
            adjustmentPence: { type: 'integer' },
            reason: { type: 'string' },
            from: { type: 'string' },
            to: { type: 'string' },
            statement: { type: 'object' },
          },
        },
        sec: {
          type: 'object',
          additionalProperties: false,
          required: ['action', 'party'],
          description:
            'a SEC verb (docs/scenarios.md): what a party does goes through the User Gateway; the Panel, the DCC and the Authority act through the SEC functions',
          properties: {
            action: { type: 'string', enum: [...SEC_ACTIONS] },
            party: secPartyName,
            with: { type: 'array', items: partyName },
            process: {
              type: 'string',
              enum: [
                'security',
                'communicationsTest',
                'businessProcess',
                'businessProcessCapability',
                'financialSecurity',
              ],
            },
            kind: { type: 'string', enum: ['materialBreach', 'payment', 'creditCoverShortfall', 'insolvency'] },
            reason: { type: 'string' },
            description: { type: 'string' },
            amountPence: { type: 'integer', minimum: 0 },
            services: { oneOf: [{ const: 'all' }, { type: 'array', items: { type: 'string' } }] },
            keepTopUp: { type: 'boolean' },
            authorityApproval: { type: 'string' },
            needsCoreChange: { type: 'boolean' },
            pricePencePerMonth: { type: 'integer', minimum: 0 },
          },
        },
        withdraw: {
          type: 'object',
          additionalProperties: false,
          required: ['as'],
          properties: { as: partyName, role: { type: 'string' } },
          description: 'POST /v1/withdrawals for the premises\u2019 hub',
        },
        replace: {
          type: 'object',
          additionalProperties: false,
          required: ['as'],
          properties: { as: partyName, role: { type: 'string' } },
          description: 'POST /v1/replacements: the ESME by newEsme (see consumer replaceEsme)',
        },
        expect: {
          type: 'object',
          additionalProperties: false,
          properties: {
            answer: { type: 'string', description: 'the synchronous code: I99, I0, E4, ... or a gateway code' },
            response: {
              type: 'object',
              additionalProperties: false,
              properties: { code: { type: 'string' }, body: subset },
            },
            inbox: {
              type: 'object',
              additionalProperties: false,
              required: ['party'],
              properties: {
                party: partyName,
                kind: { type: 'string' },
                code: { type: 'string' },
                alertCode: { type: 'string' },
                requestId: { type: 'string' },
                serviceReferenceVariant: { type: 'string' },
                body: subset,
                absent: { type: 'boolean' },
              },
            },
            device: {
              type: 'object',
              additionalProperties: false,
              required: ['ref', 'state'],
              properties: { ref: deviceRef, state: subset },
            },
            screen: {
              type: 'object',
              additionalProperties: false,
              required: ['ref', 'contains'],
              properties: { ref: deviceRef, contains: { type: 'string' } },
            },
            charges: {
              type: 'object',
              additionalProperties: false,
              required: ['party', 'month'],
              properties: {
                party: partyName,
                month: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' },
                totalPence: { type: 'integer' },
                outstandingPence: { type: 'integer' },
                state: { type: 'string', enum: ['paid', 'due', 'overdue'] },
                line: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['code', 'amountPence'],
                  properties: { code: { type: 'string' }, amountPence: { type: 'integer' } },
                },
              },
            },
            sec: {
              type: 'object',
              additionalProperties: false,
              required: ['party'],
              properties: {
                party: secPartyName,
                status: {
                  type: 'string',
                  enum: ['Applied', 'Acceded', 'Active', 'Suspended', 'Withdrawn', 'Expelled'],
                },
                notice: { type: 'string', description: 'a notice kind the party was sent (expulsion, suspension ...)' },
                about: secPartyName,
                elective: { type: 'string', description: 'the state of the last elective service requested' },
                offerLateBy: {
                  type: 'integer',
                  minimum: 0,
                  description: 'the last elective firm offer: 0 when on time, else the working days it was late',
                },
              },
            },
            timeout: { type: 'string', pattern: '^\\d+(ms|s)$' },
          },
        },
        capture: {
          type: 'object',
          additionalProperties: { type: 'string' },
          description: 'variable: path in the answer (answer.utrn) or response (response.body.x)',
        },
      },
    },
  },
} as const;
