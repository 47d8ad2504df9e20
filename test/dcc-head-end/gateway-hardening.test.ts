import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewaySigningString, nobleCrypto, nodeCrypto } from '../../protocol/index.js';
import type { World } from '../../world/dcc-world.js';
import type { GatewayClient } from '../../world/gateway-client.js';
import { testWorld } from '../support/world.js';

/** The gateway defects issue 17's probe found, each over real HTTP against a whole world. */
describe('User Gateway hardening (issue 17)', () => {
  let world: World;
  let supplier: GatewayClient;
  const party = () => world.parties.supplier;

  beforeAll(async () => {
    const t = await testWorld();
    world = t.world;
    supplier = t.client('supplier');
  });
  afterAll(async () => world.stop());

  /** Sign `body` with the supplier's key under an exact X-Smetsim-Date text, and send it. */
  async function send(
    body: string,
    options: { date?: string; headers?: Record<string, string>; path?: string; method?: 'GET' | 'POST' } = {},
  ): Promise<{ status: number; contentType: string; text: string; json: Record<string, unknown> | undefined }> {
    const path = options.path ?? '/v1/requests';
    const method = options.method ?? 'POST';
    const date = options.date ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const signature = nodeCrypto.sign(
      party().ds,
      Buffer.from(gatewaySigningString(nodeCrypto, method, path, date, body), 'utf8'),
    );
    const response = await fetch(`${world.gatewayUrl}${path}`, {
      method,
      headers: {
        'X-Smetsim-Party': party().eui,
        'X-Smetsim-Date': date,
        'X-Smetsim-Signature': Buffer.from(signature).toString('base64'),
        'content-type': 'application/json',
        ...options.headers,
      },
      ...(method === 'POST' ? { body } : {}),
    });
    const text = await response.text();
    let json: Record<string, unknown> | undefined;
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      json = undefined;
    }
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', text, json };
  }

  /**
   * One HTTP/1.1 request written byte for byte on a socket, for what fetch will not send (bytes
   * that are not Latin-1 text in a header, a NUL). Answers the status line and the parsed body.
   */
  async function rawHttp(head: Buffer): Promise<{ status: number; contentType: string; json: unknown }> {
    const { hostname, port } = new URL(world.gatewayUrl);
    const text = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), hostname, () => socket.end(head));
      const chunks: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')));
      socket.on('error', reject);
    });
    const [headers = '', body = ''] = text.split('\r\n\r\n');
    const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(headers)?.[1]);
    const contentType = /\r\ncontent-type: ([^\r]*)/i.exec(headers)?.[1] ?? '';
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      json = undefined;
    }
    return { status, contentType, json };
  }

  const valid = () =>
    JSON.stringify({
      requestId: supplier.nextRequestId(world.premises[0]!.esme.eui),
      role: 'IS',
      serviceReferenceVariant: '4.1.1',
      commandVariant: 1,
    });

  describe('defect 4: X-Smetsim-Date is parsed strictly (RFC 3339 UTC), impossible dates refused', () => {
    // Each of these used to parse to NaN (or roll over to another day), and |NaN - now| > 300000 is
    // false, so a correctly signed call with such a date was accepted and never went stale.
    it.each([
      '2026-13-01T12:00:00Z',
      '2026-12-32T12:00:00Z',
      '2026-11-28T25:00:00Z',
      '0000-00-00T00:00:00Z',
      '1999-99-99T00:00:00Z',
      '2026-02-29T12:00:00Z',
      '2026-04-31T12:00:00Z',
      '2026-11-28T24:00:00Z',
      '2026-11-28T12:60:00Z',
      '2026-11-28T12:00:61Z',
    ])('%s: 401 BAD_HEADER on X-Smetsim-Date', async (date) => {
      const reply = await send(valid(), { date });
      expect(reply).toMatchObject({ status: 401, json: { code: 'BAD_HEADER', field: 'X-Smetsim-Date' } });
    });

    it('a real date within the window is still accepted', async () => {
      expect((await send(valid())).json).toMatchObject({ code: 'I99' });
    });
  });

  describe('defect 5: ill-formed Unicode is refused at the gateway, before it can reach a signature', () => {
    const request = (body: unknown) =>
      JSON.stringify({
        requestId: supplier.nextRequestId(world.premises[0]!.esme.eui),
        role: 'IS',
        serviceReferenceVariant: '4.1.1',
        commandVariant: 1,
        body,
      });

    // A lone surrogate is legal JSON (\ud800) and a legal JS string, but has no UTF-8 form: cbor-x
    // wrote ill-formed UTF-8, the ACB signature failed at the device and it raised 0x8F3D.
    it.each([
      ['a value', { note: '\ud800' }, 'body.note'],
      ['a low surrogate alone', { note: 'ok \udfff ok' }, 'body.note'],
      ['a key', { ['k\udc00']: 1 }, 'body'],
      ['deep in an array', { list: ['fine', { deeper: ['\ud83d'] }] }, 'body.list.1.deeper.0'],
    ])('a lone surrogate in %s: 400 ILL_FORMED_STRING', async (_what, body, field) => {
      const reply = await send(request(body));
      expect(reply).toMatchObject({ status: 400, json: { code: 'ILL_FORMED_STRING', field } });
      expect(String(reply.json?.message)).toMatch(/surrogate/);
    });

    it('a whole surrogate pair (an emoji) is fine', async () => {
      expect((await send(request({ note: '\ud83d\ude00 ok' }))).json).toMatchObject({ code: 'I99' });
    });

    it('body bytes that are not UTF-8 (an encoded surrogate, a stray 0xFF): 400 ILL_FORMED_STRING', async () => {
      for (const bad of [Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xff]), Buffer.from([0xc3])]) {
        const body = Buffer.concat([Buffer.from('{"note":"'), bad, Buffer.from('"}')]);
        const head = Buffer.from(
          `POST /v1/requests HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
        );
        expect(await rawHttp(Buffer.concat([head, body]))).toMatchObject({
          status: 400,
          json: { code: 'ILL_FORMED_STRING', field: 'body' },
        });
      }
    });

    it('a header whose bytes are not UTF-8: 400 ILL_FORMED_STRING naming the header', async () => {
      const head = Buffer.concat([
        Buffer.from('GET /v1/parties/x/inbox HTTP/1.1\r\nHost: x\r\nX-Note: a'),
        Buffer.from([0xff, 0xfe]),
        Buffer.from('\r\nConnection: close\r\n\r\n'),
      ]);
      expect(await rawHttp(head)).toMatchObject({ status: 400, json: { code: 'ILL_FORMED_STRING', field: 'x-note' } });
    });

    it('the admin API refuses them too', async () => {
      const response = await fetch(`${world.gatewayUrl}/v1/admin/parties/${party().eui}/webhook`, {
        method: 'POST',
        headers: { authorization: `Bearer ${world.adminToken}`, 'content-type': 'application/json' },
        body: '{"url":"http://127.0.0.1/\\ud800"}',
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: 'ILL_FORMED_STRING', field: 'url' });
    });
  });

  describe('defect 7: the smaller gateway refusals', () => {
    it('a body sent as text/plain: 415 UNSUPPORTED_MEDIA_TYPE, signed or not', async () => {
      const signed = await send(valid(), { headers: { 'content-type': 'text/plain' } });
      expect(signed).toMatchObject({ status: 415, json: { code: 'UNSUPPORTED_MEDIA_TYPE', field: 'Content-Type' } });
      const unsigned = await fetch(`${world.gatewayUrl}/v1/requests`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: valid(),
      });
      expect(unsigned.status).toBe(415);
      expect(await unsigned.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    });

    it('a NUL in a header: 400 as JSON, like every other refusal', async () => {
      const head = Buffer.from(
        `GET /v1/parties/${party().eui}/inbox HTTP/1.1\r\nHost: x\r\nX-Smetsim-Party: 90\u0000B3\r\nConnection: close\r\n\r\n`,
        'latin1',
      );
      const reply = await rawHttp(head);
      expect(reply.status).toBe(400);
      expect(reply.contentType).toMatch(/^application\/json/);
      expect(reply.json).toMatchObject({ code: 'MALFORMED_HTTP' });
    });

    it('the inbox takes back its own next cursor, at the top of the range too', async () => {
      for (const after of ['999999999999999999', '9007199254740993']) {
        const path = `/v1/parties/${party().eui}/inbox?after=${after}&waitMs=0`;
        const first = await send('', { method: 'GET', path });
        expect(first).toMatchObject({ status: 200, json: { items: [], next: after } });
        const again = await send('', {
          method: 'GET',
          path: `/v1/parties/${party().eui}/inbox?after=${String(first.json?.next)}&waitMs=0`,
        });
        expect(again).toMatchObject({ status: 200, json: { items: [], next: after } });
      }
    });
  });

  describe('defect 7: high-S ECDSA signatures are accepted, by decision', () => {
    const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
    const hex = (bytes: Uint8Array) => BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
    /** The other valid signature over the same bytes: (r, n - s). One of the pair is high-S. */
    const flip = (signature: Uint8Array) =>
      Buffer.concat([
        signature.subarray(0, 32),
        Buffer.from((N - hex(signature.subarray(32))).toString(16).padStart(64, '0'), 'hex'),
      ]);
    /** Sign the call and give both forms, low-S first. */
    function bothForms(body: string, date: string) {
      const bytes = Buffer.from(gatewaySigningString(nodeCrypto, 'POST', '/v1/requests', date, body), 'utf8');
      const one = nodeCrypto.sign(party().ds, bytes);
      const other = flip(one);
      const [low, high] = hex(one.subarray(32)) <= N / 2n ? [one, other] : [other, one];
      return { bytes, low: Buffer.from(low).toString('base64'), high: high.toString('base64') };
    }

    it('both providers verify a high-S signature, as OpenSSL does', () => {
      const { bytes, high } = bothForms(valid(), '2026-11-28T12:00:00Z');
      const signature = Buffer.from(high, 'base64');
      expect(hex(signature.subarray(32)) > N / 2n).toBe(true);
      expect(nodeCrypto.verify(party().ds.publicKey, bytes, signature)).toBe(true);
      expect(nobleCrypto.verify(party().ds.publicKey, bytes, signature)).toBe(true);
    });

    it('the gateway accepts a high-S signature, and the counter refuses its low-S twin as a replay', async () => {
      const body = valid();
      const date = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
      const { low, high } = bothForms(body, date);
      expect((await send(body, { date, headers: { 'X-Smetsim-Signature': high } })).json).toMatchObject({
        code: 'I99',
      });
      expect(await send(body, { date, headers: { 'X-Smetsim-Signature': low } })).toMatchObject({
        status: 409,
        json: { code: 'COUNTER_NOT_FRESH' },
      });
    });
  });
});
