import type { Readable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import type { HeadEnd } from '../head-end.js';
import { loadSigner, testXmlSigningDir, XmlSigningCertificates, type DspSigner } from './certificates.js';
import { DUIS_SERVICES, DuisDoor, type DoorAnswer, type DuisInput, type DuisService } from './door.js';
import { headEndBackend } from './head-end-backend.js';
import { MAX_DUIS_BYTES } from './xml-input.js';

/**
 * Read at most `limit` bytes of a body and say whether there was more. What is beyond the
 * limit is never buffered: Node discards the rest of the request once the answer is sent.
 */
export function readLimited(stream: Readable, limit: number): Promise<{ bytes: Buffer; truncated: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const onData = (chunk: Buffer) => {
      if (length + chunk.length > limit) {
        chunks.push(chunk.subarray(0, limit - length));
        stream.off('data', onData);
        stream.off('end', onEnd);
        stream.resume();
        resolve({ bytes: Buffer.concat(chunks), truncated: true });
        return;
      }
      chunks.push(chunk);
      length += chunk.length;
    };
    const onEnd = () => resolve({ bytes: Buffer.concat(chunks), truncated: false });
    stream.on('data', onData);
    stream.once('end', onEnd);
    stream.once('error', reject);
  });
}

function send(
  reply: { status(code: number): unknown; header(name: string, value: string): unknown },
  answer: DoorAnswer,
) {
  reply.status(answer.status);
  reply.header(
    'content-type',
    answer.contentType === 'application/xml' ? 'application/xml; charset=utf-8' : 'text/plain; charset=utf-8',
  );
  reply.header('x-smetsim-response-code', answer.code);
  // One printable line: a header cannot carry newlines, and the XML answer has no room for words.
  if (answer.detail) reply.header('x-smetsim-detail', answer.detail.replace(/[^\x20-\x7e]+/g, ' ').slice(0, 400));
  return answer.body;
}

/**
 * DCC Boxed's DUIS endpoints on a fastify instance of their own: POST /api/v1/serviceS,
 * /serviceD and /serviceT, application/xml in and out (FACTS.md, DUIS).
 */
export function buildDuisServer(door: DuisDoor): FastifyInstance {
  const app = Fastify({ logger: false });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => {
    readLimited(payload, MAX_DUIS_BYTES).then(
      (read) => done(null, read),
      (error: Error) => done(error, undefined),
    );
  });
  for (const service of Object.keys(DUIS_SERVICES) as DuisService[]) {
    app.post(`/api/v1/${service}`, async (request, reply) => {
      const read = (request.body as { bytes: Buffer; truncated: boolean } | undefined) ?? {
        bytes: Buffer.alloc(0),
        truncated: false,
      };
      const input: DuisInput = { ...read, contentType: request.headers['content-type'] };
      return send(reply, await door.handle(service, input));
    });
  }
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .type('text/plain; charset=utf-8')
      .send(`no DUIS endpoint ${request.method} ${request.url}; POST to /api/v1/serviceS, /serviceD or /serviceT\n`),
  );
  app.setErrorHandler((error, _request, reply) =>
    reply
      .status(400)
      .type('text/plain; charset=utf-8')
      .send(
        `the DUIS gateway could not read this request: ${error instanceof Error ? error.message : 'unknown error'}\n`,
      ),
  );
  return app;
}

export interface DuisGatewayOptions {
  readonly headEnd: HeadEnd;
  /** More folders of XML-signing certificates to trust (e.g. `<data-dir>/duis-xml-signing`). */
  readonly certificateDirs?: readonly string[];
  readonly signer?: DspSigner;
}

/** The DUIS gateway for a head-end, with the DCC test certificates and the DSP's test key. */
export function buildDuisGateway(options: DuisGatewayOptions): { door: DuisDoor; server: FastifyInstance } {
  const dir = testXmlSigningDir();
  const door = new DuisDoor({
    backend: headEndBackend(options.headEnd),
    certificates: XmlSigningCertificates.fromDirs([dir, ...(options.certificateDirs ?? [])]),
    signer: options.signer ?? loadSigner(dir),
  });
  return { door, server: buildDuisServer(door) };
}
