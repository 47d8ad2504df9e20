import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseDuis } from '@smartdcc/duis-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeCrypto } from '../../../protocol/index.js';
import type { World } from '../../../world/dcc-world.js';
import type { GatewayClient } from '../../../world/gateway-client.js';
import type { DefaultPartyName } from '../../../world/default-parties.js';
import { fixture, jarSign, jarValidate } from '../../support/duis-jar.js';
import { duisRequest, read411, readInventory, signedBy } from '../../support/duis-messages.js';
import { testWorld } from '../../support/world.js';

/**
 * The DUIS door end to end, as a head-end built for DCC Boxed would use it: real HTTP to
 * `smetsim serve --duis-port`'s server, the real pipeline, broker and emulated premises;
 * requests signed by SmartDCC's own tool, answers judged by it.
 */
/** SmartDCC's 293 DUIS requests derived from the RTDS (GPL-3.0 devDependency, test data only). */
const templates = join(
  dirname(createRequire(import.meta.url).resolve('@smartdcc/duis-templates/package.json')),
  'templates',
);

describe('DUIS gateway over real HTTP (DCC Boxed endpoints)', () => {
  let world: World;
  let client: (name: DefaultPartyName) => GatewayClient;
  const supplier = () => world.parties.supplier.eui;
  const esme = () => world.premises[0]!.esme.eui;
  let counter = BigInt(Date.now()) * 1000n;
  const next = () => (counter += 1n);

  beforeAll(async () => {
    ({ world, client } = await testWorld({ duisPort: 0 }));
  });
  afterAll(async () => world.stop());

  async function post(service: string, body: string | Buffer, contentType = 'application/xml') {
    const response = await fetch(`${world.duisUrl!}/api/v1/${service}`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      code: /<sr:ResponseCode>([^<]+)</.exec(text)?.[1] ?? response.headers.get('x-smetsim-response-code'),
      text,
    };
  }

  it('a jar-signed 4.1.1 request gets a jar-valid, DSP-signed I99, then the reading reaches the supplier', async () => {
    const id = next();
    const signed = jarSign(read411(supplier(), esme(), id));
    const answer = await post('serviceS', signed);
    expect(answer).toMatchObject({ status: 200, code: 'I99' });
    expect(answer.type).toMatch(/^application\/xml/);
    expect(answer.text).toContain('<ds:SignatureValue>');
    const judged = jarValidate(answer.text);
    expect(judged.output).toContain('passed signature check');
    expect(judged.status).toBe(0);
    expect(parseDuis('simplified', answer.text)).toMatchObject({
      header: { type: 'response', responseCode: 'I99' },
    });
    // One pipeline, two doors: the device's answer lands in the same inbox the JSON gateway reads.
    const requestId = `${supplier()}:${esme()}:${id}`;
    const item = await client('supplier').waitFor((i) => i.requestId === requestId);
    expect(item).toMatchObject({ code: 'I0', serviceReferenceVariant: '4.1.1', body: { deviceStatus: 'OK' } });
  });

  it('8.2 Read Inventory answers I0 with the device in a DSPInventory the jar validates', async () => {
    const answer = await post('serviceD', signedBy('supplier', readInventory(supplier(), esme(), next())));
    expect(answer).toMatchObject({ status: 200, code: 'I0' });
    expect(answer.text).toContain(`<sr:DeviceID>${esme()}</sr:DeviceID><sr:DeviceType>ESME</sr:DeviceType>`);
    expect(answer.text).toContain('<sr:DeviceStatus>Commissioned</sr:DeviceStatus>');
    expect(jarValidate(answer.text).status).toBe(0);
  });

  it('the duis-templates 8.2 request, signed as is by the jar (it drops the placeholder signature), gets I0', async () => {
    const template = readFileSync(join(templates, '8.2_READ_INVENTORY_REQUEST_DUIS.XML'), 'utf8')
      .replace('00-DB-12-34-56-78-90-A2', esme())
      .replace(':1000<', `:${next()}<`);
    const answer = await post('serviceD', jarSign(template));
    expect(answer).toMatchObject({ status: 200, code: 'I0' });
    expect(answer.text).toContain('schemaVersion="5.2"');
    expect(answer.text).toContain(`<sr:DeviceID>${esme()}</sr:DeviceID>`);
  });

  it('a critical 7.2: variant 4 on serviceT returns the PreCommand, the supplier signs it with its GBCS key, variant 5 disables supply', async () => {
    const id = next();
    const request = (variant: number, body: string) =>
      duisRequest({
        requestId: `${supplier()}:${esme()}:${id}`,
        commandVariant: variant,
        serviceReference: '7.2',
        serviceReferenceVariant: '7.2',
        body,
      });
    const transformed = await post('serviceT', signedBy('supplier', request(4, '<sr:DisableSupply/>')));
    expect(transformed).toMatchObject({ status: 200, code: 'I0' });
    expect(jarValidate(transformed.text).status).toBe(0);
    const payload = /<sr:PreCommand><sr:GBCSVersion>[^<]+<\/sr:GBCSVersion><sr:GBCSPayload>([^<]+)</.exec(
      transformed.text,
    )?.[1];
    expect(payload).toBeDefined();
    const preCommand = Buffer.from(payload!, 'base64');
    // The supplier's GBCS signing key, not its XML one (FACTS.md, DUIS: a critical request).
    const signature = nodeCrypto.sign(world.parties.supplier.ds, preCommand);
    const signedPayload = Buffer.concat([preCommand, signature]).toString('base64');
    const sent = await post(
      'serviceS',
      signedBy(
        'supplier',
        request(5, `<sr:SignedPreCommand><sr:GBCSPayload>${signedPayload}</sr:GBCSPayload></sr:SignedPreCommand>`),
      ),
    );
    expect(sent).toMatchObject({ status: 200, code: 'I99' });
    const requestId = `${supplier()}:${esme()}:${id}`;
    const item = await client('supplier').waitFor((i) => i.requestId === requestId);
    expect(item).toMatchObject({ code: 'I0', body: { deviceStatus: 'OK', supply: 'Disabled' } });
  });

  it('a signer the door cannot establish gets E1, an unknown device the pipeline’s E19', async () => {
    const other = duisRequest({
      requestId: `${world.parties.supplier2.eui}:${esme()}:${next()}`,
      commandVariant: 1,
      serviceReference: '4.1',
      serviceReferenceVariant: '4.1.1',
      body: '<sr:ReadInstantaneousImportRegisters/>',
    });
    // supplier2 has no DCC test XML-signing certificate: the door cannot establish it (E1).
    expect((await post('serviceS', other)).code).toBe('E1');
    const e19 = await post('serviceS', signedBy('supplier', read411(supplier(), '00-11-22-33-44-55-66-77', next())));
    expect(e19.code).toBe('E19');
  });

  describe('bad inputs each get a schema-listed code, and the door keeps working', () => {
    const cases: [string, () => { service: string; body: string | Buffer }, string][] = [
      ['no signature', () => ({ service: 'serviceS', body: read411(supplier(), esme(), next()) }), 'E1'],
      [
        'a bad signature',
        () => ({
          service: 'serviceS',
          body: signedBy('supplier', read411(supplier(), esme(), next())).replace('4.1.1<', '4.1.2<'),
        }),
        'E1',
      ],
      [
        'an unknown certificate serial',
        () => ({
          service: 'serviceS',
          body: fixture('4.1.1-request-signed.xml').replace('27572613927499351639968579586655397031', '7'),
        }),
        'E1',
      ],
      [
        'schema-invalid XML',
        () => ({
          service: 'serviceS',
          body: signedBy(
            'supplier',
            read411(supplier(), esme(), next()).replace('<sr:CommandVariant>1', '<sr:CommandVariant>9'),
          ),
        }),
        'E100',
      ],
      ['the XXE example', () => ({ service: 'serviceS', body: fixture('duis-xxe.xml') }), 'E100'],
      [
        'a 10 MB body',
        () => ({
          service: 'serviceS',
          body: Buffer.from(
            signedBy('supplier', read411(supplier(), esme(), next())).replace(
              '</sr:Request>',
              `<!--${'x'.repeat(10 * 1024 * 1024)}--></sr:Request>`,
            ),
          ),
        }),
        'E100',
      ],
    ];

    it.each(cases)('%s', async (_, make, code) => {
      const { service, body } = make();
      const answer = await post(service, body);
      expect(answer.code).toBe(code);
      expect(answer.text).toContain('<ds:SignatureValue>');
    });

    it('a replayed counter', async () => {
      const signed = signedBy('supplier', read411(supplier(), esme(), next()));
      expect((await post('serviceS', signed)).code).toBe('I99');
      const replay = await post('serviceS', signed);
      expect(replay.code).toBe('E100');
      expect(replay.text).not.toContain('COUNTER_NOT_FRESH');
    });

    it('after all of them, a good request still gets I99', async () => {
      expect((await post('serviceS', signedBy('supplier', read411(supplier(), esme(), next())))).code).toBe('I99');
    });
  });
});
