import { XmlDocument } from 'libxml2-wasm';
import type { CommandVariant } from '../../protocol/index.js';
import { GatewayError } from '../duis-error.js';
import type { DuisBackend, DuisOutcome } from './backend.js';
import type { DspSigner, XmlSigningCertificates } from './certificates.js';
import { DuisDoorError } from './door-error.js';
import {
  readRequest,
  sketchFromText,
  sketchRequest,
  type DuisXmlRequest,
  type RequestSketch,
} from './request-reader.js';
import { responseCodeFor, type DuisResponseCode } from './response-codes.js';
import { dspInventory, localCommand, preCommand, writeResponse } from './response-writer.js';
import { DuisSchema } from './schema.js';
import { signEnveloped, verifyEnveloped } from './xmldsig.js';
import { parseDuisXml } from './xml-input.js';

/** DCC Boxed's three URLs and the command variants each takes (FACTS.md, DUIS). */
export const DUIS_SERVICES = {
  serviceS: [1, 3, 5, 7],
  serviceD: [2, 6, 8],
  serviceT: [4],
} as const satisfies Record<string, readonly CommandVariant[]>;
export type DuisService = keyof typeof DUIS_SERVICES;

export interface DuisDoorOptions {
  readonly backend: DuisBackend;
  readonly certificates: XmlSigningCertificates;
  readonly signer: DspSigner;
  readonly schema?: DuisSchema;
}

/** A message as it arrived: at most MAX_DUIS_BYTES of it, and whether there was more. */
export interface DuisInput {
  readonly bytes: Uint8Array;
  readonly truncated: boolean;
  readonly contentType: string | undefined;
}

export interface DoorAnswer {
  readonly status: number;
  readonly contentType: 'application/xml' | 'text/plain';
  readonly body: string;
  readonly code: DuisResponseCode;
  /** Why, in words, for a refusal (the X-Smetsim-Detail header): DUIS answers carry only the code. */
  readonly detail: string | undefined;
}

/** The answer's schemaVersion when the request's is unknown or not one we take. */
const FALLBACK_VERSION = '5.1';
const XML_TYPES = new Set(['application/xml', 'text/xml']);

/**
 * The DUIS door: bytes in, a signed sr:Response out, every failure a code of the schema's
 * list. The steps, in order: size, DTD refusal and parse; DUIS 5.4 schema; request header;
 * XMLDSig and the signer's party; the URL for the command variant; then the pipeline.
 */
export class DuisDoor {
  readonly schema: DuisSchema;

  constructor(private readonly options: DuisDoorOptions) {
    this.schema = options.schema ?? DuisSchema.shared();
  }

  async handle(service: DuisService, input: DuisInput): Promise<DoorAnswer> {
    let sketch: RequestSketch = {};
    try {
      if (input.truncated) {
        sketch = sketchFromText(input.bytes);
        throw new DuisDoorError('XML_TOO_LARGE', 'the message is over the 1 MiB limit; the rest was not read');
      }
      const type = input.contentType?.split(';')[0]?.trim().toLowerCase();
      if (type === undefined || !XML_TYPES.has(type)) {
        sketch = sketchFromText(input.bytes);
        throw new DuisDoorError('MEDIA_TYPE', `send Content-Type: application/xml, not ${type ?? 'none'}`);
      }
      const { request, party } = this.admit(service, input.bytes, (s) => (sketch = s));
      const outcome = await this.options.backend.submit(request, party);
      return this.answer(sketchOf(request), outcome.code, payloadOf(outcome), 200, undefined);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      const status = error instanceof DuisDoorError && error.code === 'XML_TOO_LARGE' ? 413 : 200;
      return this.answer(sketch, responseCodeFor(error), undefined, status, detail);
    }
  }

  /** Steps 1 to 5, on the parsed document, which is disposed before the pipeline runs. */
  private admit(service: DuisService, bytes: Uint8Array, sketched: (sketch: RequestSketch) => void) {
    let doc: XmlDocument;
    try {
      doc = parseDuisXml(bytes);
    } catch (error) {
      sketched(sketchFromText(bytes));
      throw error;
    }
    try {
      // A parsed message addresses its answer from its header; the text scan fills what the header lacks.
      sketched({ ...sketchFromText(bytes), ...sketchRequest(doc) });
      this.schema.validate(doc);
      const request = readRequest(doc);
      const certificate = verifyEnveloped(doc, this.options.certificates, this.options.backend.now());
      if (certificate.eui !== request.requestId.originator)
        throw new DuisDoorError(
          'SIGNER_NOT_ORIGINATOR',
          `signed by ${certificate.eui}, but the RequestID's originator is ${request.requestId.originator}`,
          'RequestID',
        );
      const party = this.options.backend.party(certificate.eui);
      if (!party)
        throw new GatewayError(
          'UNKNOWN_PARTY',
          `${certificate.eui} is not a SEC party known to this DCC`,
          401,
          'KeyInfo',
        );
      const allowed: readonly CommandVariant[] = DUIS_SERVICES[service];
      if (!allowed.includes(request.commandVariant))
        throw new DuisDoorError(
          'WRONG_URL',
          `command variant ${request.commandVariant} goes to ${urlFor(request.commandVariant)}, not /api/v1/${service}`,
          'CommandVariant',
        );
      return { request, party };
    } finally {
      doc.dispose();
    }
  }

  /**
   * Write, sign and check our own answer against the schema before it leaves. An answer that
   * cannot be made valid (no ServiceReference could be read) is a plain-text 400 instead.
   */
  private answer(
    sketch: RequestSketch,
    code: DuisResponseCode,
    payload: string | undefined,
    status: number,
    detail: string | undefined,
  ): DoorAnswer {
    const { serviceReference, serviceReferenceVariant } = sketch;
    const plain = (why: string): DoorAnswer => ({
      status: 400,
      contentType: 'text/plain',
      body: `${code}: ${detail ?? why}\n`,
      code,
      detail: detail ?? why,
    });
    if (serviceReference === undefined || serviceReferenceVariant === undefined)
      return plain('no ServiceReference could be read to address a DUIS answer');
    const xml = writeResponse({
      schemaVersion: versionOf(sketch.schemaVersion),
      requestIdText: sketch.requestIdText,
      code,
      at: this.options.backend.now(),
      serviceReference,
      serviceReferenceVariant,
      ...(payload === undefined ? {} : { payload }),
    });
    const signed = signEnveloped(xml, this.options.signer);
    const check = XmlDocument.fromString(signed);
    try {
      this.schema.validate(check);
    } catch {
      return plain('the request named a ServiceReference the schema does not list');
    } finally {
      check.dispose();
    }
    return { status, contentType: 'application/xml', body: signed, code, detail };
  }
}

function sketchOf(request: DuisXmlRequest): RequestSketch {
  return request;
}

function versionOf(text: string | undefined): string {
  return text !== undefined && /^5\.[1-4]$/.test(text) ? text : FALLBACK_VERSION;
}

function urlFor(variant: CommandVariant): string {
  const entry = Object.entries(DUIS_SERVICES).find(([, variants]) => (variants as readonly number[]).includes(variant));
  return `/api/v1/${entry?.[0] ?? 'serviceS'}`;
}

function payloadOf(outcome: DuisOutcome): string | undefined {
  // DSPInventory lists 1 to 17 devices: none found is I0 with no body.
  if ('inventory' in outcome && outcome.inventory && outcome.inventory.length > 0)
    return dspInventory(outcome.inventory);
  if ('preCommand' in outcome) return preCommand(outcome.preCommand.gbcsVersion, outcome.preCommand.payload);
  if ('localCommand' in outcome) return localCommand(outcome.localCommand);
  return undefined;
}
