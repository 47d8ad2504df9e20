import fc from 'fast-check';
import type mqtt from 'mqtt';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_FRAME_BYTES, parseEui, smwanTopic } from '../../protocol/index.js';
import {
  MAX_MQTT_REMAINING_LENGTH,
  MqttHeadEndLink,
  RemainingLengthScanner,
  SmwanCredentials,
  startEmbeddedBroker,
  type EmbeddedBroker,
} from '../../smwan/index.js';
import { connectMqtt, endClient, publishQos1 } from '../../smwan/mqtt-connect.js';
import { writeMosquittoConfig } from '../../smwan/mosquitto-config.js';
import { quietPeriod, waitFor } from '../support/wait.js';

const HUB = parseEui('00-DB-12-34-56-78-00-1A');

/** Issue 17, defect 7: the embedded broker had no packet size limit (16 MB was PUBACKed). */
describe('embedded broker packet size limit, over real TCP with mqtt.js', () => {
  const credentials = new SmwanCredentials('packet-limit-test-secret');
  let broker: EmbeddedBroker;
  let headEnd: MqttHeadEndLink;
  const up: number[] = [];

  beforeAll(async () => {
    broker = await startEmbeddedBroker({ credentials });
    headEnd = new MqttHeadEndLink({ url: broker.url, secret: credentials.headEndSecret });
    headEnd.onUp((_hub, frame) => up.push(frame.length));
    await headEnd.open();
  });
  afterAll(async () => {
    await headEnd.close();
    await broker.close();
  });

  const connectHub = () =>
    connectMqtt(broker.url, {
      clientId: HUB,
      username: HUB,
      password: credentials.hubSecret(HUB),
      clean: true,
      reconnectPeriod: 0,
    });

  /** Publish at QoS 1 and report whether a PUBACK came or the broker closed the connection. */
  async function outcome(client: mqtt.MqttClient, bytes: number): Promise<'puback' | 'closed'> {
    const closed = new Promise<'closed'>((resolve) => client.once('close', () => resolve('closed')));
    const acked = publishQos1(client, smwanTopic(HUB, 'up'), Buffer.alloc(bytes, 0x5a)).then(
      () => 'puback' as const,
      () => 'closed' as const,
    );
    return Promise.race([acked, closed]);
  }

  it('the limit leaves room for the largest frame the head-end accepts, and no more than a little', () => {
    expect(MAX_MQTT_REMAINING_LENGTH).toBeGreaterThan(DEFAULT_MAX_FRAME_BYTES + smwanTopic(HUB, 'up').length + 4);
    expect(MAX_MQTT_REMAINING_LENGTH).toBeLessThanOrEqual(DEFAULT_MAX_FRAME_BYTES + 1024);
  });

  it('a 16 MB publish is refused: the connection is closed, no PUBACK, nothing reaches the head-end', async () => {
    const client = await connectHub();
    expect(await outcome(client, 16 * 1024 * 1024)).toBe('closed');
    await endClient(client, true);
    await quietPeriod();
    expect(up.filter((n) => n > DEFAULT_MAX_FRAME_BYTES)).toEqual([]);
  });

  it('one byte over the limit is refused; a full-size frame still goes through', async () => {
    const topicAndId = 2 + smwanTopic(HUB, 'up').length + 2;
    const over = await connectHub();
    expect(await outcome(over, MAX_MQTT_REMAINING_LENGTH - topicAndId + 1)).toBe('closed');
    await endClient(over, true);
    const atLimit = await connectHub();
    expect(await outcome(atLimit, MAX_MQTT_REMAINING_LENGTH - topicAndId)).toBe('puback');
    expect(await outcome(atLimit, DEFAULT_MAX_FRAME_BYTES)).toBe('puback');
    await waitFor(() => up.includes(DEFAULT_MAX_FRAME_BYTES), 'the full-size frame at the head-end');
    await endClient(atLimit, true);
  });
});

describe('RemainingLengthScanner (MQTT 3.1.1 §2.2.3 fixed header)', () => {
  const LIMIT = 200;
  /** One packet: a type byte, the remaining length as the spec encodes it, then that many bytes. */
  const packet = (type: number, length: number) => {
    const header = [type];
    let left = length;
    do {
      let byte = left % 128;
      left = Math.floor(left / 128);
      if (left > 0) byte |= 0x80;
      header.push(byte);
    } while (left > 0);
    return Buffer.concat([Buffer.from(header), Buffer.alloc(length, 0xaa)]);
  };
  /**
   * Feed `bytes` in chunks cut at `cuts`: the global offset of the refusal (-1 for none), and
   * where the refusing chunk began (a header cut across chunks is refused from its second chunk).
   */
  const feed = (bytes: Buffer, cuts: number[]) => {
    const scanner = new RemainingLengthScanner(LIMIT);
    const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
    let start = 0;
    for (const end of [...points, bytes.length]) {
      if (end <= start) continue;
      const at = scanner.scan(bytes.subarray(start, end));
      if (at >= 0) return { at: start + at, chunk: start };
      start = end;
    }
    return { at: -1, chunk: 0 };
  };

  it('refuses at the first oversized packet, wherever the chunks are cut', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0x10, max: 0xff }), fc.integer({ min: 0, max: 400 })), { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (packets, cuts) => {
          const built = packets.map(([type, length]) => packet(type, length));
          const bytes = Buffer.concat(built);
          const firstBad = packets.findIndex(([, length]) => length > LIMIT);
          const expected = firstBad < 0 ? -1 : built.slice(0, firstBad).reduce((n, b) => n + b.length, 0);
          const { at, chunk } = feed(bytes, cuts);
          expect(at).toBe(expected < 0 ? -1 : Math.max(expected, chunk));
        },
      ),
    );
  });

  it('random bytes give only -1 or an offset inside the chunk, and a 5-byte length is refused', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const at = new RemainingLengthScanner(LIMIT).scan(bytes);
        expect(at === -1 || (at >= 0 && at < bytes.length)).toBe(true);
      }),
    );
    expect(new RemainingLengthScanner(2 ** 30).scan(Buffer.from([0x30, 0x80, 0x80, 0x80, 0x80, 0x01]))).toBe(0);
  });
});

it('the mosquitto configuration sets the same limit, counted over the whole packet', () => {
  const dir = mkdtempSync(join(tmpdir(), 'smetsim-mosquitto-'));
  const credentialsForConfig = new SmwanCredentials('mosquitto-config-test-secret');
  const config = writeMosquittoConfig({ dir, port: 1883, hubs: [HUB], credentials: credentialsForConfig });
  const text = readFileSync(config.conf, 'utf8');
  rmSync(dir, { recursive: true, force: true });
  expect(text).toContain(`\nmax_packet_size ${MAX_MQTT_REMAINING_LENGTH + 5}\n`);
});
