import {
  decodeFrame,
  nodeCrypto,
  verifyFrameSignature,
  VirtualClock,
  type AlertFrame,
  type Eui64,
  type Frame,
  type ResponseFrame,
} from '../../protocol/index.js';
import { MemorySmwan, MqttHeadEndLink, MqttHubLink, SmwanCredentials, type HeadEndLink } from '../../smwan/index.js';
import { buildPremises, premisesEui, type Premises, type PremisesOptions } from '../../world/premises.js';
import { anchorsFor, partyKeys, TestDcc, type CommandSpec, type PartyName } from './dcc-fixture.js';

export const START = Date.UTC(2026, 10, 28, 0, 0);

/**
 * One premises on the in-memory SMWAN and the virtual clock, with a test DCC on the other end.
 * Every frame that comes up is decoded and its device signature checked against the premises'
 * keys, so a test sees exactly what the head-end would.
 */
export class PremisesHarness {
  readonly clock = new VirtualClock(START);
  readonly parties = partyKeys();
  readonly dcc = new TestDcc(this.parties, () => this.clock.now());
  readonly credentials: SmwanCredentials = new SmwanCredentials('harness-master-secret');
  readonly network = new MemorySmwan(this.credentials);
  readonly up: Frame[] = [];
  readonly unverified: Frame[] = [];
  readonly premises: Premises;
  private headEnd: HeadEndLink | undefined;

  private readonly brokerUrl: string | undefined;

  constructor(
    options: Partial<Omit<PremisesOptions, 'clock' | 'crypto' | 'link' | 'manufacture' | 'commissioning'>> & {
      commissioned?: boolean;
      supplier?: PartyName;
      /** Run the SMWAN over MQTT to this broker instead of in memory. */
      brokerUrl?: string;
      credentials?: SmwanCredentials;
    } = {},
  ) {
    const { commissioned = true, supplier = 'supplier', brokerUrl, credentials, ...rest } = options;
    this.brokerUrl = brokerUrl;
    if (credentials) this.credentials = credentials;
    const anchors = anchorsFor(this.parties, supplier);
    const index = rest.index ?? 1;
    const hub = premisesEui(index, 'CHF');
    this.premises = buildPremises({
      index,
      seed: 'harness',
      clock: this.clock,
      crypto: nodeCrypto,
      link: brokerUrl
        ? new MqttHubLink({ url: brokerUrl, hub, secret: this.credentials.hubSecret(hub) })
        : this.network.hubLink(hub, this.credentials.hubSecret(hub)),
      manufacture: anchors.manufacture,
      ...(commissioned ? { commissioning: anchors.commissioning } : {}),
      ...rest,
    });
  }

  async start(): Promise<this> {
    this.headEnd = this.brokerUrl
      ? new MqttHeadEndLink({
          url: this.brokerUrl,
          secret: this.credentials.headEndSecret,
          clientId: `harness-${process.pid}-${this.premises.index}`,
        })
      : this.network.headEndLink(this.credentials.headEndSecret);
    this.headEnd.onUp((_, bytes) => {
      const frame = decodeFrame(bytes);
      const keys = this.premises.keys.get(frame.header.originator);
      if (keys && verifyFrameSignature(nodeCrypto, frame, 'Device', keys.ds.publicKey)) this.up.push(frame);
      else this.unverified.push(frame);
    });
    await this.headEnd.open();
    await this.premises.start();
    await this.pump();
    return this;
  }

  async stop(): Promise<void> {
    await this.premises.stop();
    await this.headEnd?.close();
  }

  /**
   * Send a command down to the hub, as the head-end would; `expiresAt` is the DCC deadline the
   * down topic carries (protocol/topics.ts `downTopic`).
   */
  async send(spec: CommandSpec | Uint8Array, options: { readonly expiresAt?: number } = {}): Promise<void> {
    const bytes = spec instanceof Uint8Array ? spec : this.dcc.bytes(spec);
    await this.headEnd!.sendDown(this.premises.hub.eui, bytes, options.expiresAt);
    await this.pump();
  }

  /**
   * Let the network and the HAN settle: alternate event-loop turns and due virtual timers. Over
   * a real broker, frames take real (if tiny) time on loopback TCP, so each round also waits a
   * millisecond.
   */
  async pump(rounds = 12): Promise<void> {
    for (let i = 0; i < rounds; i++) {
      await new Promise((resolve) => (this.brokerUrl ? setTimeout(resolve, 1) : setImmediate(resolve)));
      await this.clock.advanceAsync(0);
    }
  }

  /** Pump until a response to `sr` has come up (bounded: a failing test, not a speed claim). */
  async waitForResponse(sr: string, count = 1, timeoutMs = 5_000): Promise<ResponseFrame> {
    const deadline = Date.now() + timeoutMs;
    while (this.responses(sr).length < count) {
      if (Date.now() > deadline) throw new Error(`no response to ${sr} within ${timeoutMs} ms`);
      await this.pump(1);
    }
    return this.responses(sr)[count - 1]!;
  }

  /** Advance virtual time (firing timers on the way), then settle. */
  async advance(ms: number): Promise<void> {
    await this.clock.advanceAsync(ms);
    await this.pump();
  }

  responses(sr?: string): ResponseFrame[] {
    return this.up.filter(
      (f): f is ResponseFrame => f.kind === 'response' && (sr === undefined || f.serviceRequest === sr),
    );
  }

  lastResponse(sr?: string): ResponseFrame {
    const all = this.responses(sr);
    const last = all.at(-1);
    if (!last)
      throw new Error(`no response${sr ? ` to ${sr}` : ''} came up; up: ${JSON.stringify(this.up.map((f) => f.kind))}`);
    return last;
  }

  alerts(code?: number, from?: Eui64): AlertFrame[] {
    return this.up.filter(
      (f): f is AlertFrame =>
        f.kind === 'alert' &&
        (code === undefined || f.alertCode === code) &&
        (from === undefined || f.header.originator === from),
    );
  }

  alertCodes(from?: Eui64): number[] {
    return this.alerts(undefined, from).map((a) => a.alertCode);
  }

  clearUp(): void {
    this.up.length = 0;
  }
}
