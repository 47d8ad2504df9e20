import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeFrame, nodeCrypto } from '../../protocol/index.js';
import type { World } from '../../world/dcc-world.js';
import type { GatewayClient } from '../../world/gateway-client.js';
import { testWorld } from '../support/world.js';

/**
 * DUIS command variants 6 and 7 (FACTS: Command variants): a signed pre-command returned for
 * local delivery (6), or both returned and sent over the WAN (7). Over the real broker and HTTP.
 */
describe('critical commands: variants 6 (local) and 7 (local and WAN)', () => {
  let world: World;
  let supplier: GatewayClient;
  const esme = () => world.premises[0]!.esme;

  beforeAll(async () => {
    const t = await testWorld();
    world = t.world;
    supplier = t.client('supplier');
  });
  afterAll(async () => world.stop());

  /** SR 7.2 (Disable Supply) as variant 4, signed by the supplier, sent back as `variant`. */
  async function signedDisable(variant: 6 | 7) {
    const requestId = supplier.nextRequestId(esme().eui);
    const base = { requestId, role: 'IS', serviceReferenceVariant: '7.2' };
    const pre = await supplier.submit({ ...base, commandVariant: 4 });
    expect(pre.json).toMatchObject({ code: 'I0' });
    const preCommand = pre.json.preCommand as string;
    const signature = Buffer.from(
      nodeCrypto.sign(world.parties.supplier.ds, Buffer.from(preCommand, 'base64')),
    ).toString('base64');
    const reply = await supplier.submit({ ...base, commandVariant: variant, preCommand, signature });
    return { requestId, reply };
  }

  it('variant 6 returns the command signed by the supplier and the ACB, and sends nothing to the meter', async () => {
    const { requestId, reply } = await signedDisable(6);
    expect(reply).toMatchObject({ status: 200, json: { requestId, code: 'I0', sent: false } });
    const frame = decodeFrame(Buffer.from(reply.json.command as string, 'base64'));
    expect(frame).toMatchObject({ kind: 'command', serviceRequest: '7.2', header: { recipient: esme().eui } });
    expect(frame.signatures.map((s) => s.role)).toEqual(['Supplier', 'AccessControlBroker']);
    // Closed as returned: not waiting for the device, and not published again on a restart.
    const counter = BigInt(requestId.split(':')[2]!);
    expect(world.headEnd.internals.requests.get(world.parties.supplier.eui, counter)?.state).toBe('returned');
    expect(world.headEnd.inFlight()).toBe(0);
    expect(esme().supply).toBe('Enabled');
  });

  it('variant 6 cannot be sent twice: the pre-command is no longer waiting', async () => {
    const { requestId } = await signedDisable(6);
    const again = await supplier.submit({
      requestId,
      role: 'IS',
      serviceReferenceVariant: '7.2',
      commandVariant: 7,
      preCommand: Buffer.from('x').toString('base64'),
      signature: Buffer.alloc(64).toString('base64'),
    });
    expect(again).toMatchObject({ status: 409, json: { code: 'NO_PRE_COMMAND' } });
  });

  it('variant 7 returns the same signed command and sends it: the meter disables its supply and answers', async () => {
    const { requestId, reply } = await signedDisable(7);
    expect(reply).toMatchObject({ status: 200, json: { requestId, code: 'I0', sent: true } });
    const frame = decodeFrame(Buffer.from(reply.json.command as string, 'base64'));
    expect(frame.signatures.map((s) => s.role)).toEqual(['Supplier', 'AccessControlBroker']);
    expect(await supplier.waitFor((i) => i.requestId === requestId)).toMatchObject({ code: 'I0' });
    expect(esme().supply).toBe('Disabled');
  });
});
