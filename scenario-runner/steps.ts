import { findServiceRequest } from '../protocol/index.js';
import { Gsme } from '../meter-gsme/gsme.js';
import type { InboxEntry } from '../world/gateway-client.js';
import type { DefaultPartyName } from '../world/default-parties.js';
import { DEFAULT_ROLE, submitPartyRequest } from '../world/party-request.js';
import { mismatch, pathValue, substitute } from './expectations.js';
import { parseDuration, type Expectation, type RequestAction, type Step } from './scenario.js';
import { deviceState, type ScenarioWorld } from './scenario-world.js';
import { runSecAction, secParty, secState } from './sec-steps.js';
import { chargesMismatch, runChargesAction } from './charges-steps.js';
import { deadlines } from '../sec/elective/electives.js';

/** Why a step failed: what it expected, and what it saw instead. */
export class StepFailure extends Error {
  constructor(
    message: string,
    readonly expected: unknown,
    readonly seen: unknown,
  ) {
    super(message);
  }
}

/** What the last request of a step produced, for expectations and captures. */
interface StepOutcome {
  answer?: { status: number; json: Record<string, unknown> };
  requestId?: string;
  party?: DefaultPartyName;
  response?: InboxEntry;
}

/** Run one step for one premises; throws StepFailure when an expectation is not met. */
export async function runStep(
  w: ScenarioWorld,
  raw: Step,
  index: number,
  variables: Map<string, unknown>,
): Promise<void> {
  const step = substitute(raw, new Map([...w.variables(index), ...variables]));
  const outcome: StepOutcome = {};
  if (step.request) await request(w, step.request, index, outcome);
  else if (step.withdraw || step.replace) await dccCall(w, step, index, outcome);
  else if (step.consumer) await consumer(w, step.consumer, index);
  else if (step.admin) admin(w, step.admin, index);
  else if (step.advance) await w.advance(parseDuration(step.advance));
  else if (step.sec) outcome.answer = await runSecAction(w, step.sec);
  else if (step.charges) outcome.answer = await runChargesAction(w, step.charges);
  await w.settle();
  if (step.expect) await expect(w, step.expect, index, outcome);
  for (const [name, path] of Object.entries(step.capture ?? {})) {
    const [root, ...rest] = path.split('.');
    const source =
      root === 'answer'
        ? outcome.answer?.json
        : root === 'response'
          ? (outcome.response ?? (await responseOf(w, outcome)))
          : undefined;
    const value = pathValue(source, rest.join('.'));
    if (value === undefined) throw new StepFailure(`capture ${name}: nothing at ${path}`, path, source);
    variables.set(name, value);
  }
}

async function request(w: ScenarioWorld, action: RequestAction, index: number, outcome: StepOutcome): Promise<void> {
  const sr = findServiceRequest(action.sr);
  if (!sr) throw new StepFailure(`SR ${action.sr} is not in the catalogue`, 'a catalogue SR', action.sr);
  const target = w.device(action.to, index);
  const fuel = target.firmware instanceof Gsme || action.to === 'gpf' ? 'gas' : 'electricity';
  const role = action.role ?? DEFAULT_ROLE[action.as][fuel];
  const client = w.client(action.as);
  const requestId = client.nextRequestId(target.eui);
  const executionDateTime = action.executeIn
    ? new Date(w.clock.now() + parseDuration(action.executeIn)).toISOString()
    : undefined;
  const signer = action.forge ? w.world.parties.supplier2.ds : w.world.parties[action.as].ds;
  const answer = await submitPartyRequest(client, signer, {
    requestId,
    role,
    sr: action.sr,
    target: target.eui,
    ...(action.body ? { body: action.body } : {}),
    ...(executionDateTime ? { executionDateTime } : {}),
    ...(action.commandVariant !== undefined ? { commandVariant: action.commandVariant } : {}),
  });
  Object.assign(outcome, { answer, requestId, party: action.as });
}

/** POST /v1/withdrawals or /v1/replacements as a party (not SRs: DCC-level processes). */
async function dccCall(w: ScenarioWorld, step: Step, index: number, outcome: StepOutcome): Promise<void> {
  const home = w.premises(index);
  const as = (step.withdraw ?? step.replace)!.as;
  const role = (step.withdraw ?? step.replace)!.role ?? 'IS';
  const client = w.client(as);
  const answer = step.withdraw
    ? await client.call<Record<string, unknown>>('POST', '/v1/withdrawals', { hub: home.hub.eui, role })
    : await client.call<Record<string, unknown>>('POST', '/v1/replacements', {
        oldDevice: home.esme.eui,
        newDevice: w.device('newEsme', index).eui,
        role,
      });
  Object.assign(outcome, { answer, party: as });
}

async function consumer(w: ScenarioWorld, action: NonNullable<Step['consumer']>, index: number): Promise<void> {
  const home = w.premises(index);
  const fuel = action.fuel ?? 'electricity';
  const meter = fuel === 'gas' ? home.gsme : home.esme;
  switch (action.action) {
    case 'enterUtrn':
      if (!home.ppmid) throw new StepFailure('enterUtrn needs a PPMID: set fleet.withPpmid', 'a PPMID', 'none');
      home.ppmid.enterUtrn(action.utrn ?? '', fuel);
      return;
    case 'emergencyCredit':
      if (home.ppmid) home.ppmid.requestEmergencyCredit(fuel);
      else meter.takeEmergencyCredit();
      return;
    case 'supplyButton':
      if (home.ppmid) home.ppmid.pressSupplyButton(fuel);
      else meter.pressSupplyButton();
      return;
    case 'tamper':
      meter.tamper();
      return;
    case 'drainBattery':
      home.gsme.drain(action.percent ?? 100);
      return;
    case 'powerOutage':
      home.esme.powerOff();
      await home.hub.powerCut();
      return;
    case 'powerRestore':
      await home.hub.powerRestore();
      home.esme.powerOn();
      return;
    case 'hubOffline':
      await home.hub.powerCut();
      return;
    case 'hubOnline':
      await home.hub.powerRestore();
      return;
    case 'replaceEsme':
      // The installer takes the old meter out and fits a new one on the same HAN.
      w.replacements.set(index, home.replaceEsme());
      return;
  }
}

function admin(w: ScenarioWorld, action: NonNullable<Step['admin']>, index: number): void {
  const home = w.premises(index);
  const headEnd = w.world.headEnd;
  const now = w.clock.now();
  const point = (which: 'electricity' | 'gas' | undefined) => (which === 'gas' ? home.mprn : home.mpan);
  if (action.register)
    headEnd.admin.register(
      point(action.register.point),
      action.register.role as never,
      w.world.parties[action.register.party].eui,
      now,
    );
  if (action.consent) {
    headEnd.admin.grantConsent({
      party: w.world.parties[action.consent.party].eui,
      mpxn: point(action.consent.point),
      scope: (action.consent.scope as '*' | string[]) ?? '*',
      expiresAt: now + 365 * 86_400_000,
      grantedAt: now,
    });
  }
  if (action.suspend)
    headEnd.admin.partyEvent(w.world.parties[action.suspend].eui, 'suspend', now, {
      services: 'all',
      keepTopUp: true,
    });
  if (action.reinstate) headEnd.admin.partyEvent(w.world.parties[action.reinstate].eui, 'reinstate', now);
}

/** The inbox response to the step's request, waiting for it (bounded). */
async function responseOf(w: ScenarioWorld, outcome: StepOutcome, timeoutMs = 5_000): Promise<InboxEntry | undefined> {
  if (!outcome.requestId || !outcome.party) return undefined;
  if (outcome.response) return outcome.response;
  const found = await poll(w, outcome.party, (i) => i.requestId === outcome.requestId, timeoutMs);
  outcome.response = found;
  return found;
}

async function poll(
  w: ScenarioWorld,
  party: DefaultPartyName,
  match: (item: InboxEntry) => boolean,
  timeoutMs: number,
): Promise<InboxEntry | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await w.drain(party)).find(match);
    if (found || Date.now() > deadline) return found;
    await w.settle(2);
  }
}

async function expect(w: ScenarioWorld, e: Expectation, index: number, outcome: StepOutcome): Promise<void> {
  const timeoutMs = e.timeout ? parseDuration(e.timeout) : 5_000;
  if (e.answer !== undefined) {
    const code = outcome.answer?.json.code;
    if (code !== e.answer)
      throw new StepFailure(`answer: expected ${e.answer}, saw ${String(code)}`, e.answer, outcome.answer?.json);
  }
  if (e.response) {
    const response = await responseOf(w, outcome, timeoutMs);
    if (!response) throw new StepFailure(`response: none arrived within ${timeoutMs} ms`, e.response, undefined);
    const problem = mismatch(
      { ...(e.response.code ? { code: e.response.code } : {}), ...(e.response.body ? { body: e.response.body } : {}) },
      response,
    );
    if (problem)
      throw new StepFailure(`response: ${problem}`, e.response, { code: response.code, body: response.body });
  }
  if (e.inbox) {
    const { party, absent, ...want } = e.inbox;
    const matches = (item: InboxEntry) => mismatch(want, item) === undefined;
    const found = await poll(w, party, matches, absent ? 300 : timeoutMs);
    if (absent && found) throw new StepFailure(`inbox of ${party}: expected no such item, saw one`, want, found);
    if (!absent && !found) {
      const recent = w
        .client(party)
        .received.slice(-3)
        .map((i) => ({ kind: i.kind, code: i.code, alertCode: i.alertCode, body: i.body }));
      throw new StepFailure(
        `inbox of ${party}: no item matching ${JSON.stringify(want)} within ${timeoutMs} ms`,
        want,
        recent,
      );
    }
  }
  if (e.sec) expectSec(w, e.sec);
  if (e.charges) {
    const problem = chargesMismatch(w, e.charges);
    if (problem) throw new StepFailure(problem.message, problem.want, problem.got);
  }
  if (e.device) {
    const device = w.device(e.device.ref, index).firmware;
    if (!device) throw new StepFailure(`device ${e.device.ref}: not in this premises`, e.device.ref, undefined);
    const deadline = Date.now() + timeoutMs;
    let problem = mismatch(e.device.state, deviceState(device));
    while (problem && Date.now() < deadline) {
      await w.settle(2);
      problem = mismatch(e.device.state, deviceState(device));
    }
    if (problem)
      throw new StepFailure(
        `device ${e.device.ref}: ${problem}`,
        e.device.state,
        pick(deviceState(device), Object.keys(e.device.state)),
      );
  }
  if (e.screen) {
    const device = w.device(e.screen.ref, index).firmware;
    const screen = () =>
      device && 'screen' in device ? (device as unknown as { screen(): string[] }).screen().join('\n') : '';
    const deadline = Date.now() + timeoutMs;
    while (!screen().includes(e.screen.contains) && Date.now() < deadline) await w.settle(2);
    if (!screen().includes(e.screen.contains))
      throw new StepFailure(`screen of ${e.screen.ref}: "${e.screen.contains}" not shown`, e.screen.contains, screen());
  }
}

/** The SEC side as a party sees it: its status, the notices it was sent, the state of the last elective. */
function expectSec(w: ScenarioWorld, e: NonNullable<Expectation['sec']>): void {
  const party = secParty(w, e.party);
  const status = w.world.headEnd.admin.party(party)?.status;
  if (e.status !== undefined && status !== e.status)
    throw new StepFailure(`sec: ${e.party} is ${status}, not ${e.status}`, e.status, status);
  if (e.notice !== undefined) {
    const notices = w.world.sec.noticesTo(party, e.notice);
    const found = notices.find((n) => e.about === undefined || n.subject === secParty(w, e.about));
    if (!found) {
      const seen = w.world.sec.noticesTo(party).map((n) => n.kind);
      throw new StepFailure(`sec: ${e.party} was sent no ${e.notice} notice`, e.notice, seen);
    }
  }
  if (e.offerLateBy !== undefined) {
    const id = secState(w).elective;
    const service = id === undefined ? undefined : w.world.sec.ctx.electives.get(id);
    const report = service ? deadlines(w.world.sec.ctx, service).find((d) => d.name === 'firm offer') : undefined;
    const late =
      report && 'met' in report.outcome ? (report.outcome.met ? 0 : report.outcome.lateByWorkingDays) : undefined;
    if (late !== e.offerLateBy)
      throw new StepFailure(
        `sec: the firm offer was late by ${late} working days, not ${e.offerLateBy}`,
        e.offerLateBy,
        report,
      );
  }
  if (e.elective !== undefined) {
    const id = secState(w).elective;
    const state = id === undefined ? undefined : w.world.sec.ctx.electives.get(id)?.state;
    if (state !== e.elective)
      throw new StepFailure(`sec: the elective is ${state}, not ${e.elective}`, e.elective, state);
  }
}

function pick(state: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, state[k]]));
}
