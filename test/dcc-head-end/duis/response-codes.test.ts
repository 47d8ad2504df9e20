import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { XmlDocument } from 'libxml2-wasm';
import { describe, expect, it } from 'vitest';
import { DuisError, GatewayError } from '../../../dcc-head-end/duis-error.js';
import { DOOR_REFUSALS, DuisDoorError } from '../../../dcc-head-end/duis/door-error.js';
import {
  DEVICE_OUTCOME_CODES,
  DOOR_CODES,
  DUIS_RESPONSE_CODES,
  PIPELINE_CODES,
  responseCodeFor,
} from '../../../dcc-head-end/duis/response-codes.js';
import { referenceDir } from '../../../dcc-head-end/duis/schema.js';
import { RESPONSE_CODES, SmetsimError, ValidationError } from '../../../protocol/index.js';

/** sr:ResponseCode's closed enumeration, read from the DUIS 5.4 XSD itself. */
function schemaCodes(): Set<string> {
  const doc = XmlDocument.fromBuffer(readFileSync(join(referenceDir('duis'), 'duis-schema-v5.4.xsd')));
  try {
    const values = doc.find("//xs:simpleType[@name='ResponseCode']/xs:restriction/xs:enumeration/@value", {
      xs: 'http://www.w3.org/2001/XMLSchema',
    });
    return new Set(values.map((v) => v.content));
  } finally {
    doc.dispose();
  }
}

const SCHEMA = schemaCodes();
const root = join(import.meta.dirname, '..', '..', '..');

/** Every refusal code the head-end and the JSON gateway can throw, found in their source. */
function internalCodes(): Set<string> {
  const codes = new Set<string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (name !== 'duis') walk(path);
      } else if (name.endsWith('.ts')) {
        const text = readFileSync(path, 'utf8');
        for (const m of text.matchAll(/(?:GatewayError|DuisError|ValidationError)\(\s*'([A-Z][A-Z0-9_]*)'/g))
          codes.add(m[1]!);
        for (const m of text.matchAll(/code: '([A-Z][A-Z0-9_]*)'/g)) codes.add(m[1]!);
      }
    }
  };
  walk(join(root, 'dcc-head-end'));
  for (const m of readFileSync(join(root, 'protocol', 'request-id.ts'), 'utf8').matchAll(/Error\('([A-Z_]+)'/g))
    codes.add(m[1]!);
  return codes;
}

describe('DUIS response codes: nothing outside the schema’s closed list leaves the door', () => {
  it('reads the enumeration from the XSD (194 values in 5.4, DUIS-CODES.md §1.1)', () => {
    expect(SCHEMA.size).toBe(194);
    expect(SCHEMA.has('E1002')).toBe(false);
  });

  it('every code the door can write is in the XSD enumeration', () => {
    for (const code of DUIS_RESPONSE_CODES) expect(SCHEMA, code).toContain(code);
    for (const table of [DOOR_CODES, PIPELINE_CODES, DEVICE_OUTCOME_CODES])
      for (const [ours, duis] of Object.entries(table)) expect(SCHEMA, `${ours} → ${duis}`).toContain(duis);
  });

  it('every protocol response code (the E-codes the pipeline throws) is a schema code we write', () => {
    for (const code of Object.keys(RESPONSE_CODES)) expect(DUIS_RESPONSE_CODES as readonly string[]).toContain(code);
  });

  it('every refusal code in the head-end and gateway source is mapped (a new one fails here)', () => {
    const found = internalCodes();
    for (const known of ['COUNTER_NOT_FRESH', 'BAD_REQUEST', 'NOT_IMPLEMENTED', 'BAD_SIGNATURE', 'BAD_REQUEST_ID'])
      expect(found).toContain(known);
    const unmapped = [...internalCodes()].filter(
      (code) =>
        !Object.hasOwn(PIPELINE_CODES, code) &&
        !SCHEMA.has(code) &&
        // The admin API's own refusal never meets a DUIS request; N-codes are DCC alerts, another table.
        code !== 'ADMIN_TOKEN' &&
        !/^(?:N\d+|AD\d)$/.test(code),
    );
    expect(unmapped).toEqual([]);
  });

  it('maps each door refusal, pipeline E-code and internal code as the table says', () => {
    for (const refusal of DOOR_REFUSALS)
      expect(responseCodeFor(new DuisDoorError(refusal, 'x'))).toBe(DOOR_CODES[refusal]);
    expect(responseCodeFor(new DuisError('E4', 'x'))).toBe('E4');
    expect(responseCodeFor(new GatewayError('INVALID_STATUS', 'x', 409, 'f', 'E5'))).toBe('E5');
    expect(responseCodeFor(new GatewayError('COUNTER_NOT_FRESH', 'x', 409))).toBe(PIPELINE_CODES.COUNTER_NOT_FRESH);
    expect(responseCodeFor(new ValidationError('BAD_EUI', 'x'))).toBe(PIPELINE_CODES.BAD_EUI);
    expect(responseCodeFor(new GatewayError('WRONG_URL', 'x', 400))).not.toBe('E13'); // only the door's own
  });

  it('any error at all, with any code, becomes a schema code', () => {
    const thrown = fc.oneof(
      fc.string().map((code) => new SmetsimError(code, 'x')),
      fc.string().map((code) => new GatewayError(code, 'x', 400)),
      fc.string().map((code) => Object.assign(new DuisError('E1', 'x'), { code })),
      fc.string().map((code) => Object.assign(new DuisDoorError('XML_DTD', 'x'), { code })),
      fc.anything(),
    );
    fc.assert(
      fc.property(thrown, (error) => {
        expect(SCHEMA).toContain(responseCodeFor(error));
      }),
    );
  });
});
