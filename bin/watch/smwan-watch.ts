import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import { describeMessageCode, GbcsError } from '../../protocol/gbcs/index.js';
import { decodeGbcsWithLayout } from '../../protocol/gbcs/envelope/index.js';
import { notChecked, type ProtectionReport } from '../../protocol/gbcs/protection/index.js';
import { decodeFrame, FrameError, isEui, parseSmwanTopic, SMWAN_PREFIX } from '../../protocol/index.js';
import { HEAD_END_USER, SmwanCredentials } from '../../smwan/credentials.js';
import { connectMqtt, endClient } from '../../smwan/mqtt-connect.js';
import { renderMessage } from '../gbcs/tree.js';

/** What `smetsim watch` shows of one SMWAN message. */
export type WatchKind = 'command' | 'response' | 'alert' | 'state';
export const WATCH_KINDS: readonly WatchKind[] = ['command', 'response', 'alert', 'state'];

export interface WatchedMessage {
  /** Wall-clock time it was seen, ISO 8601. */
  readonly at: string;
  readonly hub: string;
  readonly topic: string;
  readonly kind: WatchKind | 'undecodable';
  readonly bytes: number;
  /** What the bytes are: a GBCS message, or one of the emulator's CBOR frames (protocol/frame.ts). */
  readonly format?: 'gbcs' | 'frame';
  /** GBCS messages: the grouping header, as `smetsim gbcs decode` names it; frames: the SR or alert code. */
  readonly messageCode?: string;
  readonly originator?: string;
  readonly recipient?: string;
  readonly counter?: string;
  /** Commands: the DCC's deadline from the down topic (docs/ARCHITECTURE.md), ISO 8601. */
  readonly expiresAt?: string | null;
  /** `online` / `offline` on the state topic. */
  readonly state?: string;
  /** Why it did not decode (where and which field). */
  readonly error?: string;
  /** The whole decoded tree, with `tree: true`. */
  readonly tree?: string;
}

export interface WatchOptions {
  readonly brokerUrl: string;
  /** The head-end's credentials are derived from it (smwan/credentials.ts). */
  readonly smwanSecret: string;
  /** MQTT over TLS: the folder `serve --tls` writes (ca.pem, observer.pem, observer.key). */
  readonly tlsDir?: string;
  readonly hubs?: readonly string[];
  readonly kinds?: readonly WatchKind[];
  /** Add the decoded tree of each GBCS message. */
  readonly tree?: boolean;
  /** Stop after this many messages shown. */
  readonly count?: number;
}

export interface SmwanWatch {
  /** Resolves when the count is reached or `stop` is called. */
  readonly done: Promise<void>;
  stop(): Promise<void>;
}

const UNCHECKED: ProtectionReport = {
  mac: notChecked('smetsim watch does not check MACs'),
  signature: notChecked('smetsim watch does not check signatures'),
};

/**
 * Watch the SMWAN (issue 19): subscribe to every hub's topics with the head-end's rights and
 * report each message decoded as GBCS. A watcher has its own client id and a clean session, so it
 * never takes over the head-end's persistent session or leaves a queue behind.
 */
export async function watchSmwan(options: WatchOptions, show: (message: WatchedMessage) => void): Promise<SmwanWatch> {
  const hubs = options.hubs && options.hubs.length > 0 ? new Set(options.hubs) : undefined;
  const kinds = new Set(options.kinds ?? WATCH_KINDS);
  let shown = 0;
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const identity = options.tlsDir
    ? {
        ca: readFileSync(join(options.tlsDir, 'ca.pem')),
        cert: readFileSync(join(options.tlsDir, 'observer.pem')),
        key: readFileSync(join(options.tlsDir, 'observer.key')),
        rejectUnauthorized: true,
      }
    : { username: HEAD_END_USER, password: new SmwanCredentials(options.smwanSecret).headEndSecret };
  const client: MqttClient = await connectMqtt(
    options.brokerUrl,
    { clientId: `smetsim-watch-${process.pid}-${Date.now()}`, clean: true, reconnectPeriod: 1000, ...identity },
    (c) =>
      c.on('message', (topic, payload) => {
        const message = describe(topic, payload, options.tree === true);
        if (!message) return;
        if (hubs && !hubs.has(message.hub)) return;
        if (message.kind !== 'undecodable' && !kinds.has(message.kind)) return;
        if (options.count !== undefined && shown >= options.count) return;
        shown++;
        show(message);
        if (options.count !== undefined && shown >= options.count) finish();
      }),
  );
  await new Promise<void>((resolve, reject) =>
    client.subscribe([`${SMWAN_PREFIX}/#`], { qos: 0 }, (error) => (error ? reject(error) : resolve())),
  );
  const stop = async () => {
    finish();
    await endClient(client, true);
  };
  void done.then(() => endClient(client, true));
  return { done, stop };
}

function describe(topic: string, payload: Buffer, tree: boolean): WatchedMessage | undefined {
  const parsed = parseSmwanTopic(topic);
  if (!parsed || !isEui(parsed.hub)) return undefined;
  const base = { at: new Date().toISOString(), hub: parsed.hub, topic, bytes: payload.length };
  if (parsed.channel === 'state') return { ...base, kind: 'state', state: payload.toString('utf8').slice(0, 32) };
  const expiry =
    parsed.channel === 'down' && parsed.expiresAt !== undefined
      ? { expiresAt: parsed.expiresAt === null ? null : new Date(parsed.expiresAt).toISOString() }
      : {};
  // The SMWAN is moving from the emulator's CBOR frames to GBCS (issue 13); show either.
  const frame = asFrame(payload);
  if (frame) return { ...base, ...frame, ...expiry };
  try {
    const decoded = decodeGbcsWithLayout(new Uint8Array(payload));
    const header = decoded.message.signing.header;
    return {
      ...base,
      format: 'gbcs',
      kind: header.cra,
      messageCode: describeMessageCode(header.otherInformation.messageCode),
      originator: header.originator,
      recipient: header.recipient,
      counter: header.counter.toString(),
      ...expiry,
      ...(tree ? { tree: renderMessage(decoded.message, payload.length, UNCHECKED, []) } : {}),
    };
  } catch (error) {
    if (!(error instanceof GbcsError)) throw error;
    return { ...base, kind: 'undecodable', error: error.message };
  }
}

/** A CBOR frame's header, or undefined when the bytes are not one (then they are tried as GBCS). */
function asFrame(payload: Buffer): (Partial<WatchedMessage> & Pick<WatchedMessage, 'kind'>) | undefined {
  try {
    const frame = decodeFrame(new Uint8Array(payload));
    const code = frame.kind === 'alert' ? `0x${frame.alertCode.toString(16).toUpperCase()}` : frame.serviceRequest;
    return {
      format: 'frame',
      kind: frame.kind,
      messageCode: frame.kind === 'response' ? `${code} ${frame.status}` : code,
      originator: frame.header.originator,
      recipient: frame.header.recipient,
      counter: (frame.kind === 'response' ? frame.inResponseTo : frame.header.counter).toString(),
    };
  } catch (error) {
    if (error instanceof FrameError) return undefined;
    throw error;
  }
}

/** One line a person reads: time, direction, hub, kind, use case, who to whom, counter, size. */
export function watchLine(message: WatchedMessage): string {
  const time = message.at.slice(11, 23);
  const direction = message.topic.includes('/down') ? 'down' : message.topic.endsWith('/up') ? 'up  ' : 'state';
  if (message.kind === 'state') return `${time} ${direction} ${message.hub} ${message.state ?? ''}`;
  if (message.kind === 'undecodable')
    return `${time} ${direction} ${message.hub} not GBCS (${message.bytes} B): ${message.error ?? ''}`;
  const expiry =
    message.expiresAt === undefined ? '' : message.expiresAt === null ? ' no deadline' : ` due ${message.expiresAt}`;
  const line = `${time} ${direction} ${message.hub} ${message.kind} ${message.messageCode} ${message.originator} → ${message.recipient} #${message.counter} ${message.bytes} B${expiry}`;
  return message.tree ? `${line}\n${message.tree}` : line;
}
