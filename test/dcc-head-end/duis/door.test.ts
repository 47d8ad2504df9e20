import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DUIS_RESPONSE_CODES } from '../../../dcc-head-end/duis/response-codes.js';
import type { DuisBackend, DuisOutcome, DuisPipelineRequest } from '../../../dcc-head-end/duis/backend.js';
import { loadSigner, testXmlSigningDir, XmlSigningCertificates } from '../../../dcc-head-end/duis/certificates.js';
import { DuisDoor, type DuisService } from '../../../dcc-head-end/duis/door.js';
import { DuisError, GatewayError } from '../../../dcc-head-end/duis-error.js';
import { MAX_DUIS_BYTES } from '../../../dcc-head-end/duis/xml-input.js';
import { verifyEnveloped } from '../../../dcc-head-end/duis/xmldsig.js';
import { parseDuisXml } from '../../../dcc-head-end/duis/xml-input.js';
import type { Eui64 } from '../../../protocol/index.js';
import { fixture } from '../../support/duis-jar.js';
import { duisRequest, read411, readInventory, signedBy } from '../../support/duis-messages.js';

const SUPPLIER = '90-B3-D5-1F-30-01-00-00';
const ESME = '00-DB-12-34-56-78-90-A0';
const NOW = Date.parse('2026-12-01T12:00:00Z');
const certificates = XmlSigningCertificates.fromDirs([testXmlSigningDir()]);

/** A stand-in pipeline: the door is under test here; the real one is in duis-e2e.test.ts. */
function door(submit: (request: DuisPipelineRequest) => DuisOutcome = () => ({ code: 'I99' })) {
  const seen: DuisPipelineRequest[] = [];
  const backend: DuisBackend = {
    now: () => NOW,
    party: (eui: Eui64) =>
      eui === SUPPLIER || eui === '90-B3-D5-1F-30-02-00-00' ? { eui, categories: ['ImportSupplier'] } : undefined,
    submit: (request) => {
      seen.push(request);
      return Promise.resolve(submit(request));
    },
  };
  return { door: new DuisDoor({ backend, certificates, signer: loadSigner(testXmlSigningDir()) }), seen };
}

const input = (xml: string | Buffer, contentType = 'application/xml') => ({
  bytes: typeof xml === 'string' ? Buffer.from(xml) : xml,
  truncated: false,
  contentType,
});

function responseCode(xml: string): string | undefined {
  return /<sr:ResponseCode>([^<]+)</.exec(xml)?.[1];
}

/** The answer is signed by the DSP, and our verifier says so. */
function dspSigned(xml: string): boolean {
  const doc = parseDuisXml(Buffer.from(xml));
  try {
    return verifyEnveloped(doc, certificates, NOW).eui === '90-B3-D5-1F-30-00-00-02';
  } finally {
    doc.dispose();
  }
}

describe('the DUIS door (bytes in, a signed sr:Response out)', () => {
  it('takes the jar-signed 4.1.1 request and answers a DSP-signed I99 in its schemaVersion', async () => {
    const { door: d, seen } = door();
    const answer = await d.handle('serviceS', input(fixture('4.1.1-request-signed.xml')));
    expect(answer).toMatchObject({ status: 200, contentType: 'application/xml', code: 'I99' });
    expect(answer.body).toContain('schemaVersion="5.1"');
    expect(answer.body).toContain(`<sr:RequestID>${SUPPLIER}:${ESME}:1000</sr:RequestID>`);
    expect(dspSigned(answer.body)).toBe(true);
    expect(seen[0]).toMatchObject({
      serviceReferenceVariant: '4.1.1',
      commandVariant: 1,
      bodyElement: 'ReadInstantaneousImportRegisters',
      requestId: { originator: SUPPLIER, target: ESME, counter: 1000n },
    });
  });

  it.each(['5.2', '5.3', '5.4'])('answers a schemaVersion %s request in that version', async (version) => {
    const answer = await door().door.handle(
      'serviceS',
      input(signedBy('supplier', read411(SUPPLIER, ESME, 7, version))),
    );
    expect(answer.body).toContain(`schemaVersion="${version}"`);
    expect(answer.code).toBe('I99');
  });

  it('answers 8.2 with I0 and a DSPInventory body', async () => {
    const { door: d } = door(() => ({
      code: 'I0',
      inventory: [{ deviceId: ESME, deviceType: 'ESME', status: 'Commissioned', manufacturer: 'smetsim', model: 'm' }],
    }));
    const answer = await d.handle('serviceD', input(signedBy('supplier', readInventory(SUPPLIER, ESME, 8))));
    expect(answer.code).toBe('I0');
    expect(answer.body).toContain(`<sr:DSPInventory><sr:Device><sr:DeviceID>${ESME}</sr:DeviceID>`);
    expect(dspSigned(answer.body)).toBe(true);
  });

  it('passes the pipeline’s E-codes through, and maps its own codes to schema codes', async () => {
    const e4 = door(() => {
      throw new DuisError('E4', 'not the registered supplier');
    });
    expect((await e4.door.handle('serviceS', input(signedBy('supplier', read411(SUPPLIER, ESME, 9))))).code).toBe('E4');
    const replay = door(() => {
      throw new GatewayError('COUNTER_NOT_FRESH', 'counter 9 is not above 9', 409);
    });
    const answer = await replay.door.handle('serviceS', input(signedBy('supplier', read411(SUPPLIER, ESME, 9))));
    expect(answer.code).toBe('E100');
    expect(answer.body).not.toContain('COUNTER_NOT_FRESH');
    expect(answer.detail).toContain('counter 9');
  });

  const refusals: [string, DuisService, string, () => string | Buffer][] = [
    ['no signature', 'serviceS', 'E1', () => fixture('4.1.1-request-unsigned.xml')],
    ['a bad signature', 'serviceS', 'E1', () => fixture('4.1.1-request-signed.xml').replace(':1000<', ':1001<')],
    [
      'an unknown certificate serial',
      'serviceS',
      'E1',
      () => fixture('4.1.1-request-signed.xml').replace('27572613927499351639968579586655397031', '42'),
    ],
    [
      'a signer who is not the originator',
      'serviceS',
      'E1',
      () => signedBy('networkOperator', read411(SUPPLIER, ESME, 3)),
    ],
    [
      'a party not registered',
      'serviceS',
      'E1',
      () => signedBy('otherTestUser', read411('00-DB-12-34-56-78-00-04', ESME, 3)),
    ],
    [
      'schema-invalid XML',
      'serviceS',
      'E100',
      () =>
        signedBy(
          'supplier',
          read411(SUPPLIER, ESME, 3).replace('<sr:ReadInstantaneousImportRegisters/>', '<sr:Nonsense/>'),
        ),
    ],
    ['schemaVersion 5.0', 'serviceS', 'E100', () => signedBy('supplier', read411(SUPPLIER, ESME, 3, '5.0'))],
    ['the XXE example', 'serviceS', 'E100', () => fixture('duis-xxe.xml')],
    ['a Response where a Request belongs', 'serviceS', 'E100', () => fixture('readfw-response.xml')],
    ['variant 1 on the Non-Device URL', 'serviceD', 'E13', () => signedBy('supplier', read411(SUPPLIER, ESME, 3))],
    [
      'variant 8 on the Send Command URL',
      'serviceS',
      'E13',
      () => signedBy('supplier', readInventory(SUPPLIER, ESME, 3)),
    ],
  ];

  it.each(refusals)(
    'refuses %s on %s: a signed answer carrying %s, the pipeline untouched',
    async (_, service, code, make) => {
      const { door: d, seen } = door();
      const answer = await d.handle(service, input(make()));
      expect(answer).toMatchObject({ status: 200, contentType: 'application/xml', code });
      expect(responseCode(answer.body)).toBe(code);
      expect(dspSigned(answer.body)).toBe(true);
      expect(seen).toHaveLength(0);
    },
  );

  it('answers the XXE example without ever reading the entity', async () => {
    const answer = await door().door.handle('serviceS', input(fixture('duis-xxe.xml')));
    expect(answer.body).not.toContain('root:');
    expect(answer.detail).toMatch(/DOCTYPE/);
    expect(answer.body).toContain('<sr:ServiceReferenceVariant>11.2</sr:ServiceReferenceVariant>');
  });

  it('answers a truncated (over 1 MiB) body with 413 and E100, from what it read', async () => {
    const head = signedBy('supplier', read411(SUPPLIER, ESME, 4)).replace(
      '</sr:Request>',
      `<!--${' '.repeat(MAX_DUIS_BYTES)}`,
    );
    const answer = await door().door.handle('serviceS', {
      bytes: Buffer.from(head).subarray(0, MAX_DUIS_BYTES),
      truncated: true,
      contentType: 'application/xml',
    });
    expect(answer).toMatchObject({ status: 413, code: 'E100', contentType: 'application/xml' });
    expect(dspSigned(answer.body)).toBe(true);
  });

  it('refuses another media type, and answers garbage with a plain-text 400 naming the code', async () => {
    const json = await door().door.handle(
      'serviceS',
      input(signedBy('supplier', read411(SUPPLIER, ESME, 5)), 'application/json'),
    );
    expect(json.code).toBe('E100');
    const garbage = await door().door.handle('serviceS', input(Buffer.from([0x3c, 0xff, 0x00, 0x12])));
    expect(garbage).toMatchObject({ status: 400, contentType: 'text/plain', code: 'E100' });
  });

  it('random mutations of a signed request: always a schema code, never a throw', async () => {
    const { door: d } = door();
    const base = Buffer.from(fixture('4.1.1-request-signed.xml'));
    const mutation = fc.array(fc.tuple(fc.nat({ max: base.length - 1 }), fc.integer({ min: 0, max: 255 })), {
      minLength: 1,
      maxLength: 4,
    });
    await fc.assert(
      fc.asyncProperty(mutation, async (changes) => {
        const bytes = Buffer.from(base);
        for (const [at, value] of changes) bytes[at] = value;
        const answer = await d.handle('serviceS', input(bytes));
        expect(DUIS_RESPONSE_CODES).toContain(answer.code);
        if (answer.contentType === 'application/xml') expect(responseCode(answer.body)).toBe(answer.code);
      }),
      { numRuns: 150 },
    );
  });

  it('never answers with a ServiceReference the schema does not list (falls back to plain text)', async () => {
    const bogus = duisRequest({
      requestId: `${SUPPLIER}:${ESME}:6`,
      commandVariant: 1,
      serviceReference: '99.9',
      serviceReferenceVariant: '99.9',
      body: '<sr:ReadInstantaneousImportRegisters/>',
    });
    const answer = await door().door.handle('serviceS', input(bogus));
    expect(answer).toMatchObject({ status: 400, contentType: 'text/plain' });
  });
});
