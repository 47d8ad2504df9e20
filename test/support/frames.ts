import fc from 'fast-check';
import { DEVICE_STATUSES, formatEuiBytes, SIGNER_ROLES, type Frame, type PlainValue } from '../../protocol/index.js';

export const euiArb = fc.uint8Array({ minLength: 8, maxLength: 8 }).map(formatEuiBytes);
const counterArb = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });
const timeArb = fc.integer({ min: 0, max: 2 ** 45 });

export const plainArb: fc.Arbitrary<PlainValue> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.string(),
    fc.uint8Array({ maxLength: 32 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.string({ maxLength: 8 }).filter((k) => k !== '__proto__'),
      tie('value'),
      { maxKeys: 4 },
    ),
  ),
})).value as fc.Arbitrary<PlainValue>;

const signatureArb = fc.record({
  role: fc.constantFrom(...SIGNER_ROLES),
  signer: euiArb,
  value: fc.uint8Array({ minLength: 64, maxLength: 64 }),
});

const headerArb = fc.record(
  { originator: euiArb, recipient: euiArb, counter: counterArb, createdAt: timeArb, executeAt: timeArb },
  { requiredKeys: ['originator', 'recipient', 'counter', 'createdAt'] },
);
const srArb = fc.stringMatching(/^\d{1,2}(\.\d{1,2}){1,2}$/);

export const frameArb: fc.Arbitrary<Frame> = fc.oneof(
  fc.record({
    kind: fc.constant('command' as const),
    header: headerArb,
    serviceRequest: srArb,
    payload: plainArb,
    signatures: fc.array(signatureArb, { maxLength: 2 }),
  }),
  fc.record({
    kind: fc.constant('response' as const),
    header: headerArb,
    serviceRequest: srArb,
    inResponseTo: counterArb,
    status: fc.constantFrom(...DEVICE_STATUSES),
    payload: plainArb,
    signatures: fc.array(signatureArb, { maxLength: 2 }),
  }),
  fc.record({
    kind: fc.constant('alert' as const),
    header: headerArb,
    alertCode: fc.integer({ min: 0, max: 0xffff }),
    payload: plainArb,
    signatures: fc.array(signatureArb, { maxLength: 2 }),
  }),
);
