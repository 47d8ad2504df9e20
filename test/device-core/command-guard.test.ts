import { describe, expect, it } from 'vitest';
import { CounterWindow, nodeCrypto, parseEui } from '../../protocol/index.js';
import { guardCommand } from '../../device-core/command-guard.js';
import { ALERT } from '../../protocol/alert-codes.js';

const ALERT_NO_AUTHORITY = ALERT.SourceHasNoAuthority; // 0x8F30
const ALERT_AUTHENTICATION_FAILED = ALERT.TrustedSourceAuthenticationFailure; // 0x8F3D
import { TrustStore } from '../../device-core/trust-store.js';
import { anchorsFor, partyKeys, TestDcc } from '../support/dcc-fixture.js';

const parties = partyKeys();
const anchors = anchorsFor(parties);
const device = parseEui('00-DB-12-00-00-00-01-03');
const dcc = new TestDcc(parties, () => 0);
const context = () => ({
  self: device,
  crypto: nodeCrypto,
  trust: new TrustStore(anchors.manufacture, anchors.commissioning),
  counters: new CounterWindow(),
  now: 0,
});

describe('the checks every command passes (GBCS)', () => {
  it('accepts an ACB-signed non-critical command and records its counter', () => {
    const ctx = context();
    expect(guardCommand(ctx, dcc.frame({ to: device, sr: '4.1.1', counter: 5n }), undefined)).toEqual({ ok: true });
    expect(ctx.counters.lastAccepted(parties.supplier.eui)).toBe(5n);
  });

  it('accepts a critical command signed by the installed supplier and the ACB', () => {
    expect(
      guardCommand(
        context(),
        dcc.frame({ to: device, sr: '7.2', authority: { role: 'Supplier', by: 'supplier' } }),
        'Supplier',
      ),
    ).toEqual({ ok: true });
  });

  it('refuses a command without the ACB signature: no authority, 0x8F30', () => {
    expect(guardCommand(context(), dcc.frame({ to: device, sr: '4.1.1', acb: false }), undefined)).toMatchObject({
      ok: false,
      status: 'REFUSED_AUTHORITY',
      alert: ALERT_NO_AUTHORITY,
    });
  });

  it('refuses a forged ACB signature (signed with another key): authentication failed, 0x8F3D', () => {
    expect(guardCommand(context(), dcc.frame({ to: device, sr: '4.1.1', acb: 'otherUser' }), undefined)).toMatchObject({
      ok: false,
      status: 'REFUSED_AUTHENTICATION',
      alert: ALERT_AUTHENTICATION_FAILED,
    });
  });

  it('refuses a critical command without the supplier signature: 0x8F30', () => {
    expect(guardCommand(context(), dcc.frame({ to: device, sr: '7.2' }), 'Supplier')).toMatchObject({
      ok: false,
      status: 'REFUSED_AUTHORITY',
      alert: ALERT_NO_AUTHORITY,
      reason: 'no Supplier signature',
    });
  });

  it('refuses a critical command signed by another supplier: 0x8F30', () => {
    const verdict = guardCommand(
      context(),
      dcc.frame({ to: device, sr: '7.2', from: 'supplier2', authority: { role: 'Supplier', by: 'supplier2' } }),
      'Supplier',
    );
    expect(verdict).toMatchObject({ ok: false, status: 'REFUSED_AUTHORITY', alert: ALERT_NO_AUTHORITY });
  });

  it('refuses a replayed counter (0x8F3D) without moving the counter', () => {
    const ctx = context();
    expect(guardCommand(ctx, dcc.frame({ to: device, sr: '4.1.1', counter: 9n }), undefined).ok).toBe(true);
    expect(guardCommand(ctx, dcc.frame({ to: device, sr: '4.1.1', counter: 9n }), undefined)).toMatchObject({
      ok: false,
      status: 'REFUSED_REPLAY',
      alert: ALERT_AUTHENTICATION_FAILED,
    });
    expect(guardCommand(ctx, dcc.frame({ to: device, sr: '4.1.1', counter: 3n }), undefined)).toMatchObject({
      status: 'REFUSED_REPLAY',
    });
    expect(ctx.counters.lastAccepted(parties.supplier.eui)).toBe(9n);
  });

  it('does not burn the counter of a refused command', () => {
    const ctx = context();
    expect(guardCommand(ctx, dcc.frame({ to: device, sr: '7.2', counter: 4n }), 'Supplier').ok).toBe(false);
    expect(
      guardCommand(
        ctx,
        dcc.frame({ to: device, sr: '7.2', counter: 4n, authority: { role: 'Supplier', by: 'supplier' } }),
        'Supplier',
      ).ok,
    ).toBe(true);
  });

  it('refuses a command past its expiry without an alert, and without burning its counter (issue 17 #1)', () => {
    const ctx = { ...context(), now: 1_000 };
    const late = dcc.frame({ to: device, sr: '4.1.1', counter: 7n, expiresAt: 999 });
    expect(guardCommand(ctx, late, undefined)).toMatchObject({ ok: false, status: 'REFUSED_EXPIRED' });
    expect(guardCommand(ctx, late, undefined)).not.toHaveProperty('alert');
    expect(ctx.counters.lastAccepted(parties.supplier.eui)).toBeUndefined();
    const inTime = dcc.frame({ to: device, sr: '4.1.1', counter: 7n, expiresAt: 1_000 });
    expect(guardCommand(ctx, inTime, undefined)).toEqual({ ok: true });
  });

  it('refuses a command for another device without an alert', () => {
    expect(
      guardCommand(context(), dcc.frame({ to: parseEui('00-DB-12-00-00-00-09-03'), sr: '4.1.1' }), undefined),
    ).toEqual({ ok: false, status: 'NOT_FOR_THIS_DEVICE', reason: 'addressed to 00-DB-12-00-00-00-09-03' });
  });

  it('takes 6.23 only with the Transitional CoS party\u2019s signature', () => {
    const cos = dcc.frame({
      to: device,
      sr: '6.23',
      from: 'transCoS',
      authority: { role: 'TransitionalCoS', by: 'transCoS' },
    });
    expect(guardCommand(context(), cos, 'TransitionalCoS')).toEqual({ ok: true });
    const bySupplier = dcc.frame({
      to: device,
      sr: '6.23',
      from: 'supplier2',
      authority: { role: 'Supplier', by: 'supplier2' },
    });
    expect(guardCommand(context(), bySupplier, 'TransitionalCoS')).toMatchObject({
      ok: false,
      status: 'REFUSED_AUTHORITY',
    });
  });
});
