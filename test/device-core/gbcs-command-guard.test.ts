import { describe, expect, it } from 'vitest';
import { generatedKeyStore } from '../../device-core/device-key-store.js';
import { guardGbcsCommand, type GbcsGuardContext } from '../../device-core/gbcs-command-guard.js';
import { TrustStore, type PartyCredential } from '../../device-core/trust-store.js';
import { nodeCrypto } from '../../protocol/crypto/node-provider.js';
import { CounterWindow } from '../../protocol/counters.js';
import { parseEui } from '../../protocol/eui.js';
import { GbcsKeyStore } from '../../protocol/gbcs/protection/index.js';
import { buildCommandSigning, CachingPairSecrets, sealWithMac, signedPart } from '../../protocol/gbcs/wire/index.js';
import type { DeviceTrustRole } from '../../protocol/roles.js';

const crypto = nodeCrypto;
const ACB = parseEui('90B3D51F30000002');
const SUPPLIER = parseEui('90B3D51F30010000');
const HUB = parseEui('00DB1234567890A2');

const acbDs = crypto.generateKeyPair();
const acbKa = crypto.generateKeyPair();
const supplierDs = crypto.generateKeyPair();
const deviceKeys = { ds: crypto.generateKeyPair(), ka: crypto.generateKeyPair() };

const credential = (eui: string, ds = crypto.generateKeyPair(), ka?: typeof acbKa): PartyCredential => ({
  eui: parseEui(eui),
  ds: ds.publicKey,
  ...(ka ? { ka: ka.publicKey } : {}),
});

function device(): GbcsGuardContext {
  return {
    self: HUB,
    crypto,
    counters: new CounterWindow(),
    keys: generatedKeyStore(crypto, deviceKeys),
    trust: new TrustStore(
      {
        AccessControlBroker: credential(ACB, acbDs, acbKa),
        TransitionalCoS: credential('90B3D51F30000004'),
        Recovery: credential('90B3D51F30000001'),
      },
      { Supplier: credential(SUPPLIER, supplierDs) },
    ),
  };
}

// The head-end's keys: the ACB's KA private key and the device's KA certificate.
const headEnd = new CachingPairSecrets(
  crypto,
  new GbcsKeyStore().addPrivate(ACB, 'ka', acbKa).addPublic(HUB, 'ka', deviceKeys.ka.publicKey),
);

function command(counter: bigint, originator = SUPPLIER, sign?: typeof supplierDs): Uint8Array {
  const { signing } = buildCommandSigning(
    { header: { originator, recipient: HUB, counter }, serviceRequest: '8.9', body: {} },
    'CHF',
    0,
  );
  const signed = sign
    ? { ...signing, signature: { kind: 'signed' as const, signature: crypto.sign(sign, signedPart(signing)) } }
    : signing;
  return sealWithMac(crypto, headEnd, signed, ACB);
}

const nonCritical = (): DeviceTrustRole | undefined => undefined;
const critical = (): DeviceTrustRole | undefined => 'Supplier';

describe('GBCS device checks (issue 13 §1: addressed, MAC, signature, anti-replay)', () => {
  it('a command MAC’d by the ACB for this device is accepted and read as its handler body', () => {
    const verdict = guardGbcsCommand(device(), command(1n), nonCritical);
    expect(verdict.ok && verdict.command).toMatchObject({ serviceRequest: '8.9', body: {} });
  });

  it('a replayed counter is refused with 0x8F3D; the first one was recorded', () => {
    const ctx = device();
    expect(guardGbcsCommand(ctx, command(5n), nonCritical).ok).toBe(true);
    expect(guardGbcsCommand(ctx, command(5n), nonCritical)).toMatchObject({
      ok: false,
      status: 'REFUSED_REPLAY',
      alert: 0x8f3d,
    });
    expect(guardGbcsCommand(ctx, command(4n), nonCritical)).toMatchObject({ ok: false, status: 'REFUSED_REPLAY' });
  });

  it('a flipped MAC is REFUSED_AUTHENTICATION (0x8F3D) and does not burn the counter', () => {
    const ctx = device();
    const bad = command(7n);
    bad[bad.length - 1]! ^= 1;
    expect(guardGbcsCommand(ctx, bad, nonCritical)).toMatchObject({
      ok: false,
      status: 'REFUSED_AUTHENTICATION',
      alert: 0x8f3d,
    });
    expect(guardGbcsCommand(ctx, command(7n), nonCritical).ok).toBe(true);
  });

  it('a command for another device is NOT_FOR_THIS_DEVICE, bytes that are not GBCS BAD_PAYLOAD', () => {
    expect(
      guardGbcsCommand({ ...device(), self: parseEui('00DB1234567890A0') }, command(1n), nonCritical),
    ).toMatchObject({
      ok: false,
      status: 'NOT_FOR_THIS_DEVICE',
    });
    expect(guardGbcsCommand(device(), Uint8Array.of(1, 2, 3), nonCritical)).toMatchObject({
      ok: false,
      status: 'BAD_PAYLOAD',
    });
  });

  it('a critical SR needs the trusted supplier’s signature: none → 0x8F30, someone else’s → 0x8F30, forged → 0x8F3D', () => {
    expect(guardGbcsCommand(device(), command(1n, SUPPLIER, supplierDs), critical).ok).toBe(true);
    expect(guardGbcsCommand(device(), command(1n), critical)).toMatchObject({
      status: 'REFUSED_AUTHORITY',
      alert: 0x8f30,
    });
    const other = crypto.generateKeyPair();
    expect(guardGbcsCommand(device(), command(1n, parseEui('90B3D51F30020000'), other), critical)).toMatchObject({
      status: 'REFUSED_AUTHORITY',
    });
    expect(guardGbcsCommand(device(), command(1n, SUPPLIER, other), critical)).toMatchObject({
      status: 'REFUSED_AUTHENTICATION',
      alert: 0x8f3d,
    });
  });
});
