import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadSigner, testXmlSigningDir, XmlSigningCertificates } from '../dcc-head-end/duis/certificates.js';
import { readRequest } from '../dcc-head-end/duis/request-reader.js';
import { writeResponse } from '../dcc-head-end/duis/response-writer.js';
import { DuisSchema } from '../dcc-head-end/duis/schema.js';
import { parseDuisXml } from '../dcc-head-end/duis/xml-input.js';
import { signEnveloped, verifyEnveloped } from '../dcc-head-end/duis/xmldsig.js';
import { measureRate, printRows, type BenchRow } from './measure.js';

/** The 4.1.1 request SmartDCC's tool signed (test/fixtures/duis/), beside the sources or dist/. */
function signedRequest(): Buffer {
  for (const up of ['../test/fixtures/duis/', '../../test/fixtures/duis/']) {
    try {
      return readFileSync(fileURLToPath(new URL(`${up}4.1.1-request-signed.xml`, import.meta.url)));
    } catch {
      // try the next place
    }
  }
  throw new Error('bench: test/fixtures/duis/4.1.1-request-signed.xml not found');
}

/**
 * The DUIS door's own cost per request, step by step (docs/duis.md): parse with the DTD refusal,
 * DUIS 5.4 schema validation, XMLDSig verification, and writing and signing the answer. The
 * baseline is JSON.parse of the same request as the JSON gateway takes it.
 */
export function duisBench(seconds: number): BenchRow[] {
  const bytes = signedRequest();
  const schema = DuisSchema.load();
  const certificates = XmlSigningCertificates.fromDirs([testXmlSigningDir()]);
  const dsp = loadSigner(testXmlSigningDir());
  const now = Date.parse('2026-12-01T12:00:00Z');
  const json = JSON.stringify({
    requestId: '90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A0:1000',
    role: 'IS',
    serviceReferenceVariant: '4.1.1',
    commandVariant: 1,
  });
  const baseline = measureRate(() => JSON.parse(json) as unknown, seconds).perSecond;
  const withDoc = (run: (doc: ReturnType<typeof parseDuisXml>) => void) => () => {
    const doc = parseDuisXml(bytes);
    try {
      run(doc);
    } finally {
      doc.dispose();
    }
  };
  const answer = writeResponse({
    schemaVersion: '5.1',
    requestIdText: '90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A0:1000',
    code: 'I99',
    at: now,
    serviceReference: '4.1',
    serviceReferenceVariant: '4.1.1',
  });
  const row = (name: string, op: () => void): BenchRow => ({
    name,
    value: measureRate(op, seconds).perSecond,
    unit: 'op/s',
    baselineName: 'JSON.parse',
    baseline,
  });
  const rows = [
    row(
      `parse (${bytes.length} B, DTD refused)`,
      withDoc(() => undefined),
    ),
    row(
      'parse + DUIS 5.4 schema',
      withDoc((doc) => schema.validate(doc)),
    ),
    row(
      'parse + XMLDSig verify',
      withDoc((doc) => verifyEnveloped(doc, certificates, now)),
    ),
    row(
      'whole request side',
      withDoc((doc) => {
        schema.validate(doc);
        readRequest(doc);
        verifyEnveloped(doc, certificates, now);
      }),
    ),
    row('sign the answer', () => signEnveloped(answer, dsp)),
  ];
  printRows('DUIS door, per request (higher is better)', rows);
  return rows;
}
