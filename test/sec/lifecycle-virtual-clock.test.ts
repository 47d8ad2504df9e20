import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeCrypto, parseEui, VirtualClock } from '../../protocol/index.js';
import { accept, deadlines, evaluate, offer, proceed, requestElective } from '../../sec/elective/electives.js';
import { admit, applyToAccede, refuse, appeal } from '../../sec/lifecycle/accession.js';
import { openDefaultClock, reinstate, remedy, suspend } from '../../sec/lifecycle/defaults.js';
import { activate, lodgeCreditCover, passBusinessProcess, passSecurity } from '../../sec/lifecycle/entry.js';
import { giveWithdrawalNotice } from '../../sec/lifecycle/leaving.js';
import { inProcessTransport, startWorld, type World } from '../../world/dcc-world.js';
import { GatewayClient } from '../../world/gateway-client.js';

const DAY = 86_400_000;
const date = (at: number) => new Date(at).toISOString().slice(0, 10);

/**
 * The SEC lifecycle on the virtual clock (no premises: no device timers), from Monday 14
 * December 2026, so that the clocks run over Christmas and New Year: 25 and 28 December and
 * 1 January are not working days.
 */
describe('SEC lifecycle on the virtual clock over the Christmas bank holidays', () => {
  let world: World;
  const clock = new VirtualClock(Date.UTC(2026, 11, 14, 9));
  beforeAll(async () => {
    world = await startWorld({
      premises: 0,
      clock,
      crypto: nodeCrypto,
      seed: 'sec-virtual',
      smwanSecret: 'sec-virtual-secret',
    });
  });
  afterAll(async () => world.stop());
  const ctx = () => world.sec.ctx;
  const notices = (eui: string, kind: string) => world.sec.noticesTo(parseEui(eui, 'eui'), kind);

  it('accession (refused, appealed, admitted), entry processes that test something, then active', async () => {
    const key = nodeCrypto.generateKeyPair();
    const eui = parseEui('00-00-00-00-00-00-0A-01', 'eui');
    world.headEnd.admin.addParty({
      eui,
      name: 'Newco Energy',
      categories: ['ImportSupplier'],
      keys: { ds: key.publicKey, ka: nodeCrypto.generateKeyPair().publicKey },
    });
    const details = {
      company: { name: 'Newco Energy Ltd', number: '01234567', registeredAddress: '1 High St' },
      legal: { licensed: true, licenceBindsToSec: true, signatory: 'A. Director' },
      financial: { creditRating: 'BBB' },
    };
    expect(() => applyToAccede(ctx(), eui, { ...details, feePence: 1 })).toThrow(/application fee/);
    const application = applyToAccede(ctx(), eui, { ...details, feePence: ctx().config.applicationFeePence });
    refuse(ctx(), application.id, 'financial details incomplete');
    expect(notices(eui, 'application-refused')[0]).toMatchObject({
      reason: 'financial details incomplete',
      detail: { appealable: true },
    });
    appeal(ctx(), eui, application.id, 'the rating was attached');
    expect(admit(ctx(), application.id).state).toBe('AppealUpheld');
    expect(world.headEnd.admin.party(eui)?.status).toBe('Acceded');

    // Activation is refused until all four entry processes are passed.
    expect(() => activate(ctx(), eui)).toThrow(/entry processes/);
    const client = new GatewayClient(world.gatewayUrl, eui, key, nodeCrypto, clock, inProcessTransport(world));
    expect((await client.call('POST', '/v1/sec/entry/communications-test', {})).status).toBe(200);
    const forged = new GatewayClient(
      world.gatewayUrl,
      eui,
      nodeCrypto.generateKeyPair(),
      nodeCrypto,
      clock,
      inProcessTransport(world),
    );
    expect((await forged.call('POST', '/v1/sec/entry/communications-test', {})).status).toBe(401);
    expect(() => passBusinessProcess(ctx(), eui, 'GS', '4.1.1')).toThrow(/category GasSupplier/);
    passBusinessProcess(ctx(), eui, 'IS', '4.1.1');
    lodgeCreditCover(ctx(), eui, ctx().config.creditCoverPence - 1);
    expect(world.headEnd.admin.party(eui)?.entry.financialSecurity).toBeUndefined();
    lodgeCreditCover(ctx(), eui, 1);
    passSecurity(ctx(), eui);
    activate(ctx(), eui);
    expect(world.headEnd.admin.party(eui)?.status).toBe('Active');
    expect(notices(world.parties.supplier.eui, 'activation').map((n) => n.subject)).toContain(eui);
  });

  it('a payment outstanding on the 10th working day after notice is a default; suspension, then reinstatement', async () => {
    const party = world.parties.supplier2.eui;
    const payment = openDefaultClock(ctx(), party, 'payment', 'invoice 42 unpaid', 12_345);
    // 15-18, 21-24, 29, 30 December: the 10th working day after Monday 14 December is Wednesday 30 December.
    expect(date(payment.deadline)).toBe('2026-12-30');
    expect(() => suspend(ctx(), party, 'all', true, 'early')).toThrow(/no event of default/);
    await clock.advanceAsync(Date.UTC(2026, 11, 30, 23) - clock.now());
    expect(notices(party, 'event-of-default')).toEqual([]);
    await clock.advanceAsync(2 * 3_600_000);
    expect(notices(party, 'event-of-default')).toHaveLength(1);
    expect(() => giveWithdrawalNotice(ctx(), party)).toThrow(/owes 12345 pence/);
    suspend(ctx(), party, ['4.1.1'], true, 'payment default (SEC ch. 19)');
    expect(world.headEnd.admin.party(party)).toMatchObject({
      status: 'Suspended',
      suspension: { services: ['4.1.1'], keepTopUp: true },
    });
    expect(() => reinstate(ctx(), party, 'paid?')).toThrow(/still has events of default/);
    remedy(ctx(), party, payment.id);
    reinstate(ctx(), party, 'paid in full');
    expect(world.headEnd.admin.party(party)?.status).toBe('Active');
    expect(notices(world.parties.networkOperator.eui, 'suspension')).toHaveLength(1);
    expect(notices(world.parties.networkOperator.eui, 'reinstatement')).toHaveLength(1);
  });

  it('a 20-working-day offer across the bank holidays, late by 2 working days, tracked as such', async () => {
    const service = requestElective(ctx(), [world.parties.supplier.eui], 'bespoke alert feed');
    evaluate(ctx(), service.id, { feasible: true, indicativeCostPence: 10_000, note: 'feasible' });
    proceed(ctx(), world.parties.supplier.eui, service.id);
    // From Thursday 31 December: 4-8, 11-15, 18-22, 25-29 January (1 January out): due Friday 29 January.
    await clock.advanceAsync(Date.UTC(2027, 1, 2, 10) - clock.now()); // Tuesday 2 February
    offer(ctx(), service.id, { type: 'feed', performance: 'best effort', pricePencePerMonth: 999, text: 'terms' });
    accept(ctx(), world.parties.supplier.eui, service.id);
    const report = deadlines(ctx(), ctx().electives.get(service.id)!);
    expect(report.map((r) => [r.name, r.due.slice(0, 10), r.outcome])).toEqual([
      ['initial evaluation', '2027-01-15', { met: true }],
      ['firm offer', '2027-01-29', { met: false, lateByWorkingDays: 2 }],
      ['acceptance', expect.any(String), { met: true }],
    ]);
  });

  it('a withdrawal notice takes effect after 30 working days, and every party is told', async () => {
    const party = world.parties.exportSupplier.eui;
    const notice = giveWithdrawalNotice(ctx(), party);
    expect(notice.effectiveAt).toBe(ctx().calendar.deadline(clock.now(), 30) + 1);
    await clock.advanceAsync(notice.effectiveAt - clock.now() - DAY);
    expect(world.headEnd.admin.party(party)?.status).toBe('Active');
    await clock.advanceAsync(DAY);
    expect(world.headEnd.admin.party(party)?.status).toBe('Withdrawn');
    expect(notices(world.parties.meterOperator.eui, 'withdrawal').map((n) => n.subject)).toEqual([party]);
  });
});
