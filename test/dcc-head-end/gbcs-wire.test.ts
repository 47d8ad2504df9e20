import { describe, expect, it } from 'vitest';
import { HeadEndWire } from '../../dcc-head-end/gbcs-wire.js';
import { generatedKeyStore } from '../../device-core/device-key-store.js';
import { guardGbcsCommand } from '../../device-core/gbcs-command-guard.js';
import {
  alertBytes,
  responseBytes,
  unsupportedResponseBytes,
  type DeviceWire,
} from '../../device-core/gbcs-responder.js';
import { TrustStore, type PartyCredential } from '../../device-core/trust-store.js';
import { nodeCrypto } from '../../protocol/crypto/node-provider.js';
import type { EcPrivateKey } from '../../protocol/crypto/provider.js';
import { CounterWindow } from '../../protocol/counters.js';
import { parseEui, type Eui64 } from '../../protocol/eui.js';
import { decodeGbcsWithLayout } from '../../protocol/gbcs/envelope/index.js';
import { signedPart, peekGroupingHeader } from '../../protocol/gbcs/wire/index.js';

const crypto = nodeCrypto;
const ACB = parseEui('90B3D51F30000002');
const SUPPLIER = parseEui('90B3D51F30010000');
const HUB = parseEui('00DB1234567890A2');

const pair = () => ({ ds: crypto.generateKeyPair(), ka: crypto.generateKeyPair() });
const acb = pair();
const supplier = pair();
const hub = pair();
const cred = (eui: Eui64, k: { ds: EcPrivateKey; ka: EcPrivateKey }): PartyCredential => ({
  eui,
  ds: k.ds.publicKey,
  ka: k.ka.publicKey,
});

const trust = new TrustStore(
  {
    AccessControlBroker: cred(ACB, acb),
    TransitionalCoS: cred(parseEui('90B3D51F30000004'), pair()),
    Recovery: cred(parseEui('90B3D51F30000001'), pair()),
  },
  { Supplier: cred(SUPPLIER, supplier) },
);
const keys = generatedKeyStore(crypto, hub);
const wire: DeviceWire = { eui: HUB, type: 'CHF', crypto, trust, keys };
const counters = new CounterWindow();
const headEnd = new HeadEndWire(
  crypto,
  { eui: ACB, ka: acb.ka },
  { get: (eui) => (eui === HUB ? { ds: hub.ds.publicKey, ka: hub.ka.publicKey } : undefined) },
);
const LOG = [{ device: parseEui('00DB1234567890A0') }];

function deviceAnswers(bytes: Uint8Array, authority?: 'Supplier'): Uint8Array {
  const verdict = guardGbcsCommand({ self: HUB, crypto, trust, counters, keys }, bytes, () => authority);
  if (!verdict.ok) throw new Error(verdict.reason);
  return responseBytes(wire, verdict.decoded, verdict.codec, { status: 'OK', payload: { deviceLog: LOG } }, 0);
}

describe('head-end ↔ device over GBCS (issue 13 §1)', () => {
  it('8.9 for the supplier, as the ACB for a user (CCS04): the hub reads the recipient, the device answers, the DCC checks the MAC', () => {
    const { signing } = headEnd.build(
      {
        header: { originator: ACB, recipient: HUB, counter: 10n },
        serviceRequest: '8.9',
        body: {},
        onBehalfOf: { party: SUPPLIER, counter: 77n },
      },
      'CHF',
      0,
    );
    const down = headEnd.seal(signing);
    expect(peekGroupingHeader(down).recipient).toBe(HUB);
    const up = headEnd.readUp(deviceAnswers(down));
    expect(up.kind === 'response' && up.outcome).toEqual({ status: 'OK', payload: { deviceLog: LOG } });
    expect(up).toMatchObject({
      header: { originator: HUB, recipient: ACB, counter: 10n },
      onBehalfOf: { party: SUPPLIER, counter: 77n },
    });
    expect(up.checks).toEqual({ mac: { status: 'valid' }, signature: { status: 'absent' } });
  });

  it('a supplier-originated command is answered to the supplier: the MAC is the supplier’s to check', () => {
    const { signing } = headEnd.build(
      { header: { originator: SUPPLIER, recipient: HUB, counter: 11n }, serviceRequest: '8.9', body: {} },
      'CHF',
      0,
    );
    const up = headEnd.readUp(deviceAnswers(headEnd.seal(signing)));
    expect(up.checks.mac.status).toBe('not-checked');
    expect(up.header.recipient).toBe(SUPPLIER);
  });

  it('a signed command (pre-command signed by the supplier) gets a device-signed response, verified by the DCC', () => {
    const { signing } = headEnd.build(
      { header: { originator: SUPPLIER, recipient: HUB, counter: 12n }, serviceRequest: '8.9', body: {} },
      'CHF',
      0,
    );
    const pre = headEnd.preCommand(signing);
    const signature = crypto.sign(supplier.ds, pre.subarray(1));
    expect(Buffer.from(pre.subarray(1)).equals(Buffer.from(signedPart(signing)))).toBe(true);
    const answer = deviceAnswers(headEnd.sealSigned(signing, signature), 'Supplier');
    expect(answer[0]).toBe(0xdf);
    expect(headEnd.readUp(answer).checks).toEqual({ signature: { status: 'valid' }, mac: { status: 'absent' } });
  });

  it('alerts: 8F30 device-signed, 810E MAC’d to the supplier; both read back with code and time', () => {
    const critical = headEnd.readUp(alertBytes(wire, 5000n, { alertCode: 0x8f30, at: Date.UTC(2026, 0, 1) }));
    expect(critical).toMatchObject({
      kind: 'alert',
      alert: { alertCode: 0x8f30, at: Date.UTC(2026, 0, 1) },
      checks: { signature: { status: 'valid' } },
    });
    const plain = headEnd.readUp(alertBytes(wire, 5001n, { alertCode: 0x810e, at: Date.UTC(2026, 0, 1) }));
    expect(plain).toMatchObject({
      kind: 'alert',
      header: { recipient: SUPPLIER },
      checks: { signature: { status: 'absent' }, mac: { status: 'not-checked' } },
    });
  });

  it('a message code the device has no codec for is answered DLMS object-undefined, never a crash', () => {
    const { signing } = headEnd.build(
      { header: { originator: SUPPLIER, recipient: HUB, counter: 13n }, serviceRequest: '8.9', body: {} },
      'CHF',
      0,
    );
    const unknown = {
      ...signing,
      header: { ...signing.header, otherInformation: { form: 'plain' as const, messageCode: 0x7777 } },
    };
    const verdict = guardGbcsCommand(
      { self: HUB, crypto, trust, counters, keys },
      headEnd.seal(unknown),
      () => undefined,
    );
    expect(verdict).toMatchObject({ ok: false, status: 'NOT_SUPPORTED' });
    const answer = unsupportedResponseBytes(wire, verdict.decoded!)!;
    const apdu = decodeGbcsWithLayout(answer).message.signing.payload;
    expect(
      apdu.kind === 'dlms' && apdu.apdu.type === 'access-response' && apdu.apdu.specs.map((s) => s.result),
    ).toEqual([4]);
  });
});
