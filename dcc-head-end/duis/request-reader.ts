import { XmlElement, type XmlDocument } from 'libxml2-wasm';
import { isCommandVariant, parseRequestId, type CommandVariant, type RequestId } from '../../protocol/index.js';
import { DuisDoorError } from './door-error.js';
import { checkSchemaVersion } from './schema.js';

export const SR_NS = 'http://www.dccinterface.co.uk/ServiceUserGateway';

/** A DUIS body as a plain tree: an element's children by local name, a leaf as its text. */
export type DuisBody = string | { readonly [name: string]: DuisBody | readonly DuisBody[] };

/** What a schema-valid sr:Request says (FACTS.md, DUIS: a request header, then one body element). */
export interface DuisXmlRequest {
  readonly schemaVersion: string;
  readonly requestIdText: string;
  readonly requestId: RequestId;
  readonly commandVariant: CommandVariant;
  readonly serviceReference: string;
  readonly serviceReferenceVariant: string;
  /** The local name of the one element in sr:Body, e.g. ReadInstantaneousImportRegisters. */
  readonly bodyElement: string;
  readonly body: DuisBody;
  /** From the body's ExecutionDateTime (a future-dated request), as sent. */
  readonly executionDateTime: string | undefined;
}

/** What the door could learn of a message before refusing it, to address its answer. */
export interface RequestSketch {
  readonly schemaVersion?: string;
  readonly requestIdText?: string;
  readonly serviceReference?: string;
  readonly serviceReferenceVariant?: string;
}

function elements(parent: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (let node = parent.firstChild; node; node = node.next) if (node instanceof XmlElement) out.push(node);
  return out;
}

function child(parent: XmlElement, name: string): XmlElement | undefined {
  return elements(parent).find((e) => e.name === name && e.namespaceUri === SR_NS);
}

function toBody(element: XmlElement): DuisBody {
  const children = elements(element);
  if (children.length === 0) return element.content;
  const out: Record<string, DuisBody | DuisBody[]> = {};
  for (const c of children) {
    const value = toBody(c);
    const existing = out[c.name];
    if (existing === undefined) out[c.name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else out[c.name] = [existing, value];
  }
  return out;
}

/** Header fields that are there, for addressing a refusal; never throws. */
export function sketchRequest(doc: XmlDocument): RequestSketch {
  const root = doc.root;
  const header = child(root, 'Header');
  const text = (name: string) => (header ? child(header, name)?.content.trim() : undefined);
  const sketch: Record<string, string> = {};
  const version = root.attr('schemaVersion')?.value;
  if (version !== undefined) sketch.schemaVersion = version;
  for (const [field, name] of [
    ['requestIdText', 'RequestID'],
    ['serviceReference', 'ServiceReference'],
    ['serviceReferenceVariant', 'ServiceReferenceVariant'],
  ] as const) {
    const value = text(name);
    if (value !== undefined) sketch[field] = value;
  }
  return sketch;
}

/**
 * Read a request the schema has already passed. The checks left are the ones the schema cannot
 * make: the root is a Request, schemaVersion is one we take, the counter fits 64 bits.
 */
export function readRequest(doc: XmlDocument): DuisXmlRequest {
  const root = doc.root;
  if (root.name !== 'Request' || root.namespaceUri !== SR_NS)
    throw new DuisDoorError('NOT_A_REQUEST', `the root is ${root.name}; the DCC takes sr:Request here`);
  const schemaVersion = root.attr('schemaVersion')?.value ?? '';
  checkSchemaVersion(schemaVersion);
  const header = child(root, 'Header');
  const bodyParent = child(root, 'Body');
  const bodyElement = bodyParent ? elements(bodyParent)[0] : undefined;
  if (!header || !bodyElement) throw new DuisDoorError('SCHEMA_INVALID', 'a Request has a Header and a Body');
  const text = (name: string): string => {
    const value = child(header, name)?.content.trim();
    if (value === undefined) throw new DuisDoorError('SCHEMA_INVALID', `the Header has no ${name}`, name);
    return value;
  };
  const requestIdText = text('RequestID');
  let requestId: RequestId;
  try {
    requestId = parseRequestId(requestIdText, 'RequestID');
  } catch (error) {
    throw new DuisDoorError('SCHEMA_INVALID', (error as Error).message, 'RequestID');
  }
  const variant = Number(text('CommandVariant'));
  if (!isCommandVariant(variant))
    throw new DuisDoorError('SCHEMA_INVALID', 'CommandVariant is 1 to 8', 'CommandVariant');
  const execution = bodyElement.find('sr:ExecutionDateTime', { sr: SR_NS })[0];
  return {
    schemaVersion,
    requestIdText,
    requestId,
    commandVariant: variant,
    serviceReference: text('ServiceReference'),
    serviceReferenceVariant: text('ServiceReferenceVariant'),
    bodyElement: bodyElement.name,
    body: toBody(bodyElement),
    executionDateTime: execution?.content.trim(),
  };
}

const TEXT_SKETCH: readonly [keyof RequestSketch, RegExp][] = [
  ['schemaVersion', /<(?:\w+:)?Request\b[^>]*?\sschemaVersion\s*=\s*["'](\d{1,2}\.\d{1,2})["']/],
  ['requestIdText', /<(?:\w+:)?RequestID>\s*([0-9A-Fa-f-]{23}:[0-9A-Fa-f-]{23}:\d{1,20})\s*</],
  ['serviceReference', /<(?:\w+:)?ServiceReference>\s*(\d{1,2}\.\d{1,2})\s*</],
  ['serviceReferenceVariant', /<(?:\w+:)?ServiceReferenceVariant>\s*(\d{1,2}\.\d{1,2}(?:\.\d{1,2})?)\s*</],
];

/**
 * The same, from the raw bytes of a message that could not be parsed (too large, a DTD, not
 * well-formed): only the first 64 KiB are looked at. What this finds goes into an answer that
 * is schema-checked before it is sent, so a wrong guess is never sent.
 */
export function sketchFromText(bytes: Uint8Array): RequestSketch {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 64 * 1024)).toString('latin1');
  const sketch: Record<string, string> = {};
  for (const [field, pattern] of TEXT_SKETCH) {
    const found = pattern.exec(head)?.[1];
    if (found !== undefined) sketch[field] = found;
  }
  return sketch;
}
