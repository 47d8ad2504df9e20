import { nodeCrypto, parseEui, type EcPrivateKey, type Eui64 } from '../protocol/index.js';
import type { GatewayClient } from '../world/gateway-client.js';
import type { DefaultPartyName } from '../world/default-parties.js';
import { ENTRY_PROCESSES, type EntryProcess } from '../dcc-head-end/party-status.js';
import { accept, evaluate, offer, proceed } from '../sec/elective/electives.js';
import { admit, refuse } from '../sec/lifecycle/accession.js';
import {
  approvePlan,
  demandPlan,
  notifyOthers,
  openDefaultClock,
  reinstate,
  remedy,
  suspend,
} from '../sec/lifecycle/defaults.js';
import { activate, attest, passSecurity } from '../sec/lifecycle/entry.js';
import { expel } from '../sec/lifecycle/leaving.js';
import { SmetsimError } from '../protocol/index.js';
import type { ScenarioWorld } from './scenario-world.js';
import type { SEC_ACTIONS } from './sec-actions.js';

/** A built-in party, or `applicant`: a new party the scenario creates to take through accession. */
export type SecPartyName = DefaultPartyName | 'applicant';

export interface SecAction {
  readonly action: (typeof SEC_ACTIONS)[number];
  readonly party: SecPartyName;
  /** requestElective: the other parties requesting together. */
  readonly with?: readonly DefaultPartyName[];
  readonly process?: string;
  readonly kind?: 'materialBreach' | 'payment' | 'creditCoverShortfall' | 'insolvency';
  readonly reason?: string;
  readonly description?: string;
  readonly amountPence?: number;
  readonly services?: 'all' | readonly string[];
  readonly keepTopUp?: boolean;
  readonly authorityApproval?: string;
  readonly needsCoreChange?: boolean;
  readonly pricePencePerMonth?: number;
}

/** Per scenario: the applicant's identity, the last application, default clock and elective. */
interface SecState {
  applicant?: { eui: Eui64; key: EcPrivateKey; client: GatewayClient };
  application?: number;
  clock?: number;
  elective?: number;
}
const states = new WeakMap<ScenarioWorld, SecState>();

export function secState(w: ScenarioWorld): SecState {
  let state = states.get(w);
  if (!state) states.set(w, (state = {}));
  return state;
}

export function secParty(w: ScenarioWorld, name: SecPartyName): Eui64 {
  if (name !== 'applicant') return w.world.parties[name].eui;
  return applicant(w).eui;
}

function applicant(w: ScenarioWorld) {
  const state = secState(w);
  if (!state.applicant) {
    const key = nodeCrypto.generateKeyPair();
    const eui = parseEui('00-00-00-00-00-00-A0-01', 'applicant');
    w.world.headEnd.admin.addParty({
      eui,
      name: 'Applicant Energy',
      categories: ['ImportSupplier'],
      keys: { ds: key.publicKey, ka: nodeCrypto.generateKeyPair().publicKey },
    });
    state.applicant = { eui, key, client: w.clientFor(eui, key) };
  }
  return state.applicant;
}

function clientOf(w: ScenarioWorld, name: SecPartyName): GatewayClient {
  return name === 'applicant' ? applicant(w).client : w.client(name);
}

/**
 * Run one SEC verb. What a party does goes through the User Gateway, signed; what the Panel, the
 * DCC or the Authority does goes through the SEC functions the admin API calls. The answer's
 * `code` is I0 when done, otherwise the refusal's code (NOT_ALLOWED, NOT_FOUND, BAD_REQUEST ...).
 */
export async function runSecAction(
  w: ScenarioWorld,
  a: SecAction,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const ctx = w.world.sec.ctx;
  const state = secState(w);
  const party = secParty(w, a.party);
  const reason = a.reason ?? `${a.action} (scenario)`;
  const viaGateway = async (
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: Record<string, unknown> }> => {
    const reply = await clientOf(w, a.party).call<Record<string, unknown>>(method, path, body);
    return { status: reply.status, json: { code: reply.status === 200 ? 'I0' : 'REFUSED', ...reply.json } };
  };
  const done = (json: Record<string, unknown> = {}) => ({ status: 200, json: { code: 'I0', ...json } });
  try {
    switch (a.action) {
      case 'accede': {
        const reply = await viaGateway('POST', '/v1/sec/applications', {
          company: { name: 'Applicant Energy Ltd', number: '09999999', registeredAddress: '1 Scenario Street' },
          legal: { licensed: true, licenceBindsToSec: false, signatory: 'A. Director' },
          financial: { creditRating: 'A' },
          feePence: ctx.config.applicationFeePence,
        });
        if (reply.status !== 200) return reply;
        state.application = Number(reply.json.id);
        return done({ ...admit(ctx, state.application) });
      }
      case 'refuse': {
        const id = state.application ?? ctx.store.applicationsOf(party).at(-1)?.id;
        return done({ ...refuse(ctx, id ?? 0, reason) });
      }
      case 'pass':
        switch (entryProcess(a.process)) {
          case 'communicationsTest':
            return await viaGateway('POST', '/v1/sec/entry/communications-test', {});
          case 'businessProcessCapability':
            return await viaGateway('POST', '/v1/sec/entry/business-process', { role: 'IS', sr: '4.1.1' });
          case 'financialSecurity':
            return await viaGateway('POST', '/v1/sec/credit-cover', {
              pence: a.amountPence ?? ctx.config.creditCoverPence,
            });
          case 'security':
            passSecurity(ctx, party);
            return done();
        }
        break;
      case 'attest':
        attest(ctx, party, entryProcess(a.process), reason);
        return done();
      case 'activate':
        activate(ctx, party);
        return done();
      case 'default': {
        const clock = openDefaultClock(ctx, party, a.kind ?? 'payment', a.description ?? reason, a.amountPence);
        state.clock = clock.id;
        return done({ ...clock });
      }
      case 'remedy':
        return done({ ...remedy(ctx, party, state.clock ?? 1) });
      case 'rectify': {
        demandPlan(ctx, party, 10, reason);
        const submitted = await viaGateway('POST', '/v1/sec/rectification-plan', { text: a.description ?? 'a plan' });
        if (submitted.status !== 200) return submitted;
        approvePlan(ctx, party, reason);
        return done();
      }
      case 'notify':
        notifyOthers(ctx, party, reason);
        return done();
      case 'suspend':
        suspend(ctx, party, a.services ?? 'all', a.keepTopUp ?? true, reason);
        return done();
      case 'reinstate':
        reinstate(ctx, party, reason);
        return done();
      case 'expel':
        return done({ ...expel(ctx, party, reason, a.authorityApproval) });
      case 'withdraw':
        return await viaGateway('POST', '/v1/sec/withdrawal-notice', {});
      case 'requestElective': {
        const reply = await viaGateway('POST', '/v1/sec/electives', {
          description: a.description ?? 'an elective service',
          parties: (a.with ?? []).map((name) => w.world.parties[name].eui),
        });
        if (reply.status === 200) state.elective = Number(reply.json.id);
        return reply;
      }
      case 'evaluate':
        return done({
          ...evaluate(ctx, state.elective ?? 0, {
            feasible: true,
            indicativeCostPence: a.amountPence ?? 0,
            note: reason,
            ...(a.needsCoreChange ? { needsCoreChange: true } : {}),
          }),
        });
      case 'proceed':
        return done({ ...proceed(ctx, party, state.elective ?? 0) });
      case 'offer':
        return done({
          ...offer(ctx, state.elective ?? 0, {
            type: 'elective',
            performance: 'as agreed',
            pricePencePerMonth: a.pricePencePerMonth ?? 0,
            text: a.description ?? 'the terms',
          }),
        });
      case 'accept':
        return done({ ...accept(ctx, party, state.elective ?? 0) });
      case 'readElective':
        return await viaGateway('GET', `/v1/sec/electives/${state.elective ?? 0}`);
    }
  } catch (error) {
    if (error instanceof SmetsimError) return { status: 409, json: { code: error.code, message: error.message } };
    throw error;
  }
  throw new Error(`unreachable: ${String(a.action)}`);
}

function entryProcess(process: string | undefined): EntryProcess {
  const name = process === 'businessProcess' ? 'businessProcessCapability' : process;
  if (!(ENTRY_PROCESSES as readonly (string | undefined)[]).includes(name))
    throw new Error(`sec: process must be one of ${ENTRY_PROCESSES.join(', ')}`);
  return name as EntryProcess;
}
