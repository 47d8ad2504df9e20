import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  XmlBufferInputProvider,
  XmlDocument,
  XmlValidateError,
  XsdValidator,
  xmlCleanupInputProvider,
  xmlRegisterInputProvider,
} from 'libxml2-wasm';
import { DuisDoorError } from './door-error.js';

/** The three schema files, as the DCC publishes them (reference/duis/README.md). */
export const SCHEMA_FILES = ['duis-schema-v5.4.xsd', 'mmc-schema-v5.4.xsd', 'xmldsig-core-schema.xsd'] as const;
const SCHEMA_URL = 'file:///smetsim/reference/duis/';

/** reference/duis/ beside the sources (tests) or beside dist/ (the installed package). */
export function referenceDir(name: 'duis' | 'duis-xml-signing'): string {
  const candidates = [
    new URL(`../../reference/${name}/`, import.meta.url),
    new URL(`../../../reference/${name}/`, import.meta.url),
  ];
  const found = candidates.find((url) => existsSync(url));
  if (!found) throw new Error(`reference/${name}/ not found beside ${fileURLToPath(import.meta.url)}`);
  return fileURLToPath(found);
}

/**
 * The DUIS 5.4 XML Schema, compiled once (about a second) and then about a millisecond per
 * message (bench: `npm run bench`). libxml2 compiled to wasm: no Java, no network, no native
 * build. The imports between the three files are served from memory, and the provider that
 * serves them is removed once the schema is compiled, so no message can make libxml2 open them.
 */
export class DuisSchema {
  private static loaded: DuisSchema | undefined;

  private constructor(private readonly validator: XsdValidator) {}

  /** The schema shipped in reference/duis/, compiled on first use and shared by every door. */
  static shared(): DuisSchema {
    DuisSchema.loaded ??= DuisSchema.load();
    return DuisSchema.loaded;
  }

  static load(dir: string = referenceDir('duis')): DuisSchema {
    const files = Object.fromEntries(
      SCHEMA_FILES.map((name) => [`${SCHEMA_URL}${name}`, readFileSync(`${dir}/${name}`)]),
    );
    xmlRegisterInputProvider(new XmlBufferInputProvider(files));
    let schemaDoc: XmlDocument | undefined;
    try {
      schemaDoc = XmlDocument.fromBuffer(files[`${SCHEMA_URL}${SCHEMA_FILES[0]}`]!, {
        url: `${SCHEMA_URL}${SCHEMA_FILES[0]}`,
      });
      return new DuisSchema(XsdValidator.fromDoc(schemaDoc));
    } finally {
      schemaDoc?.dispose();
      xmlCleanupInputProvider();
    }
  }

  /** Throws SCHEMA_INVALID naming libxml2's first complaint (element, facet, expected). */
  validate(doc: XmlDocument): void {
    try {
      this.validator.validate(doc);
    } catch (error) {
      if (!(error instanceof XmlValidateError)) throw error;
      const first = error.details[0];
      const where = first?.line ? ` (line ${first.line})` : '';
      throw new DuisDoorError(
        'SCHEMA_INVALID',
        `not valid under the DUIS 5.4 schema${where}: ${(first?.message ?? error.message).trim()}`,
      );
    }
  }
}

/** schemaVersion values we accept and answer in: DUIS 5.1 to 5.4 (xs:decimal, so "5.10" is 5.1). */
const SCHEMA_VERSIONS = new Set(['5.1', '5.2', '5.3', '5.4']);

export function checkSchemaVersion(text: string): void {
  const normalised = /^\+?0*(\d+)\.(\d*?)0*$/.exec(text.trim());
  const value = normalised ? `${normalised[1]}.${normalised[2] || '0'}` : text;
  if (!SCHEMA_VERSIONS.has(value))
    throw new DuisDoorError(
      'SCHEMA_VERSION',
      `schemaVersion "${text}" is not one we take; send 5.1, 5.2, 5.3 or 5.4`,
      'schemaVersion',
    );
}
