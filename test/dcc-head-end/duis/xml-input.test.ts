import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DuisDoorError } from '../../../dcc-head-end/duis/door-error.js';
import { checkXmlBytes, MAX_DUIS_BYTES, parseDuisXml } from '../../../dcc-head-end/duis/xml-input.js';
import { fixture } from '../../support/duis-jar.js';

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof DuisDoorError) return error.code;
    throw error;
  }
  return 'accepted';
}

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('safe XML in (DUIS door step 1)', () => {
  it('parses a DUIS request', () => {
    const doc = parseDuisXml(bytes(fixture('4.1.1-request-signed.xml')));
    try {
      expect(doc.root.name).toBe('Request');
    } finally {
      doc.dispose();
    }
  });

  it('refuses the XXE example before parsing it: XML_DTD', () => {
    expect(refusal(() => parseDuisXml(bytes(fixture('duis-xxe.xml'))))).toBe('XML_DTD');
  });

  it.each([
    ['a DOCTYPE with no subset', '<!DOCTYPE r><r/>'],
    ['an internal entity (billion laughs)', '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><r>&a;</r>'],
    ['a parameter entity', '<!DOCTYPE r [<!ENTITY % p SYSTEM "http://example.invalid/x">%p;]><r/>'],
    ['a declaration after the root', '<r/><!ELEMENT r ANY>'],
    ['a lower-case doctype', '<!doctype r><r/>'],
    ['a DOCTYPE after a comment', '<!-- note --><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>'],
    ['a DOCTYPE after CDATA', '<r><![CDATA[x]]></r><!DOCTYPE r>'],
  ])('refuses %s: XML_DTD', (_, text) => {
    expect(refusal(() => parseDuisXml(bytes(text)))).toBe('XML_DTD');
  });

  it('lets comments and CDATA through to the parser', () => {
    const doc = parseDuisXml(bytes('<r><!-- a note --><![CDATA[<!DOCTYPE is text here>]]></r>'));
    doc.dispose();
  });

  it('refuses UTF-16 (BOM or NUL bytes) and a declared non-UTF-8 encoding: XML_ENCODING', () => {
    expect(refusal(() => checkXmlBytes(Buffer.from('\ufeff<r/>', 'utf16le')))).toBe('XML_ENCODING');
    expect(refusal(() => checkXmlBytes(Buffer.from('<r/>', 'utf16le')))).toBe('XML_ENCODING');
    expect(refusal(() => checkXmlBytes(bytes('<?xml version="1.0" encoding="ISO-8859-1"?><r/>')))).toBe('XML_ENCODING');
    expect(refusal(() => checkXmlBytes(bytes('\ufeff<?xml version="1.0" encoding="utf-8"?><r/>')))).toBe('accepted');
  });

  it(`refuses more than ${MAX_DUIS_BYTES} bytes without looking further: XML_TOO_LARGE`, () => {
    expect(refusal(() => checkXmlBytes(new Uint8Array(MAX_DUIS_BYTES + 1)))).toBe('XML_TOO_LARGE');
    expect(refusal(() => checkXmlBytes(new Uint8Array(MAX_DUIS_BYTES).fill(0x20)))).toBe('accepted');
  });

  it('refuses what is not well-formed: XML_MALFORMED', () => {
    expect(refusal(() => parseDuisXml(bytes('<r><a></r>')))).toBe('XML_MALFORMED');
    expect(refusal(() => parseDuisXml(bytes('')))).toBe('XML_MALFORMED');
    expect(refusal(() => parseDuisXml(bytes('<r>&undeclared;</r>')))).toBe('XML_MALFORMED');
  });

  it('random and mutated bytes give only the door’s typed error', () => {
    const base = bytes(fixture('4.1.1-request-signed.xml'));
    const mutated = fc.tuple(fc.nat({ max: base.length - 1 }), fc.integer({ min: 0, max: 255 })).map(([at, value]) => {
      const copy = Buffer.from(base);
      copy[at] = value;
      return copy;
    });
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 300 }), mutated), (input) => {
        const outcome = refusal(() => parseDuisXml(input).dispose());
        expect(['accepted', 'XML_DTD', 'XML_MALFORMED', 'XML_ENCODING']).toContain(outcome);
      }),
      { numRuns: 300 },
    );
  });
});
