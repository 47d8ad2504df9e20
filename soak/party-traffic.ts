import { nodeCrypto, type Clock } from '../protocol/index.js';
import type { DeviceType } from '../device-core/firmware.js';
import type { Dcc } from '../world/dcc-side.js';
import type { DefaultPartyName } from '../world/default-parties.js';
import { GatewayClient, type GatewayTransport } from '../world/gateway-client.js';
import { DEFAULT_ROLE, submitPartyRequest } from '../world/party-request.js';
import { premisesEui, premisesMpan, premisesMprn } from '../world/premises.js';
import type { Accounting } from './accounting.js';
import type { EventStep, SoakRequest } from './profile.js';

const DEVICE_TYPE: Readonly<Record<SoakRequest['to'], DeviceType>> = {
  esme: 'ESME',
  gsme: 'GSME',
  hub: 'CHF',
  gpf: 'GPF',
  ihd: 'IHD',
};

/**
 * The parties' systems in a soak run: each built-in party with its own signed gateway client. A
 * request is accounted for before it is submitted, then as acknowledged or refused by its code.
 */
export class PartyTraffic {
  private readonly clients = new Map<DefaultPartyName, GatewayClient>();

  constructor(
    private readonly dcc: Dcc,
    private readonly gatewayUrl: string,
    private readonly transport: GatewayTransport,
    private readonly clock: Clock,
    private readonly accounting: Accounting,
  ) {}

  async issue(request: SoakRequest, index: number): Promise<void> {
    const target = premisesEui(index, DEVICE_TYPE[request.to]);
    const party = this.client(request.as);
    const requestId = party.nextRequestId(target);
    this.accounting.submitted(requestId, request.sr, request.to, performance.now());
    try {
      const role =
        request.role ?? DEFAULT_ROLE[request.as][request.to === 'gsme' || request.to === 'gpf' ? 'gas' : 'electricity'];
      const reply = await submitPartyRequest(party, this.dcc.parties[request.as].ds, {
        requestId,
        role,
        sr: request.sr,
        target,
        ...(request.body !== undefined ? { body: request.body } : {}),
        ...(request.commandVariant !== undefined ? { commandVariant: request.commandVariant } : {}),
      });
      this.accounting.acknowledgedAs(
        requestId,
        typeof reply.json.code === 'string' ? reply.json.code : `HTTP_${reply.status}`,
      );
    } catch {
      this.accounting.acknowledgedAs(requestId, 'GATEWAY_ERROR');
    }
  }

  /** An admin step: a registration change for the premises' meter point (a change of supplier). */
  admin(admin: Extract<EventStep, { admin: unknown }>['admin'], index: number): void {
    const change = admin.register;
    if (!change) return;
    const point = change.point === 'gas' ? premisesMprn(index) : premisesMpan(index);
    this.dcc.headEnd.admin.register(point, change.role as never, this.dcc.parties[change.party].eui, this.clock.now());
  }

  private client(name: DefaultPartyName): GatewayClient {
    let client = this.clients.get(name);
    if (!client) {
      const party = this.dcc.parties[name];
      client = new GatewayClient(this.gatewayUrl, party.eui, party.ds, nodeCrypto, this.clock, this.transport);
      this.clients.set(name, client);
    }
    return client;
  }
}
