import { describe, expect, it } from 'vitest';
import { DuisDoorError } from '../../../dcc-head-end/duis/door-error.js';
import { checkSchemaVersion, DuisSchema } from '../../../dcc-head-end/duis/schema.js';
import { parseDuisXml } from '../../../dcc-head-end/duis/xml-input.js';
import { fixture } from '../../support/duis-jar.js';

const schema = DuisSchema.load();

function check(xml: string): string {
  const doc = parseDuisXml(Buffer.from(xml));
  try {
    schema.validate(doc);
    return 'valid';
  } catch (error) {
    if (error instanceof DuisDoorError) return `${error.code}: ${error.message}`;
    throw error;
  } finally {
    doc.dispose();
  }
}

describe('DUIS 5.4 schema validation (DUIS door step 2)', () => {
  it('takes the signed 4.1.1 request, and the DCC’s own example answers', () => {
    expect(check(fixture('4.1.1-request-signed.xml'))).toBe('valid');
    expect(check(fixture('4.1.1-request-unsigned.xml'))).toBe('valid');
    expect(check(fixture('read-inventory-response-5.4.xml'))).toBe('valid');
    expect(check(fixture('acknowledgement-error.xml'))).toBe('valid');
  });

  it('refuses an SR variant outside the enumeration, naming the element and the facet', () => {
    const bad = fixture('4.1.1-request-unsigned.xml').replace('4.1.1</sr:Service', '4.1.9</sr:Service');
    expect(check(bad)).toMatch(/^SCHEMA_INVALID: .*ServiceReferenceVariant.*enumeration/);
  });

  it('refuses a missing header field, an unknown element and a bad RequestID', () => {
    const base = fixture('4.1.1-request-unsigned.xml');
    expect(check(base.replace(/<sr:CommandVariant>1<\/sr:CommandVariant>/, ''))).toMatch(/^SCHEMA_INVALID/);
    expect(check(base.replace('<sr:ReadInstantaneousImportRegisters/>', '<sr:NoSuchRequest/>'))).toMatch(
      /^SCHEMA_INVALID/,
    );
    expect(check(base.replace('90-B3-D5-1F-30-01-00-00:', '90B3D51F30010000:'))).toMatch(/^SCHEMA_INVALID.*RequestID/);
    expect(check('<r/>')).toMatch(/^SCHEMA_INVALID/);
  });

  it.each(['5.1', '5.2', '5.3', '5.4', '5.40', '05.1'])('takes schemaVersion %s', (version) => {
    expect(() => checkSchemaVersion(version)).not.toThrow();
  });

  it.each(['5.0', '5.5', '4.9', '6', 'x', ''])('refuses schemaVersion "%s": SCHEMA_VERSION', (version) => {
    expect(() => checkSchemaVersion(version)).toThrow(expect.objectContaining({ code: 'SCHEMA_VERSION' }) as Error);
  });
});
