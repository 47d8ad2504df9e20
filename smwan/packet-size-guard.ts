import { Duplex } from 'node:stream';
import type { Socket } from 'node:net';
import { DEFAULT_MAX_FRAME_BYTES } from '../protocol/index.js';

/**
 * The largest MQTT remaining length (MQTT 3.1.1 §2.2.3: everything after the fixed header) the
 * embedded broker reads. A PUBLISH carries one smetsim frame (FACTS: SMWAN), and the head-end
 * refuses any frame over DEFAULT_MAX_FRAME_BYTES (64 KiB; protocol/frame.ts) before parsing it,
 * so a packet bigger than that frame plus its topic (`smwan/v1/<EUI>/up`, about 30 bytes, with a
 * 2-byte length) and packet id (2 bytes) can never be a message anyone acts on. 512 bytes of
 * headroom covers those with room to spare. GBCS messages themselves are far smaller; firmware
 * images travel in chunks under the frame limit. Without a limit, aedes buffered and PUBACKed a
 * 16 MB publish (issue 17, defect 7), so any client could make the broker hold memory at will.
 * The mosquitto configuration sets the same `max_packet_size`.
 */
export const MAX_MQTT_REMAINING_LENGTH = DEFAULT_MAX_FRAME_BYTES + 512;

/**
 * Follows MQTT packet boundaries through a byte stream, reading only each fixed header: one type
 * byte, then a remaining length of 1 to 4 bytes, 7 bits each, least significant first (§2.2.3).
 * `scan` answers the offset in the chunk where a packet over the limit (or a malformed length)
 * starts, or -1 when every packet so far is within it; 0 when that packet's header began in an
 * earlier chunk (whose bytes are already passed on). Once it has refused, it refuses forever.
 */
export class RemainingLengthScanner {
  private state: 'type' | 'length' | 'body' | 'refused' = 'type';
  private length = 0;
  private lengthBytes = 0;
  private left = 0;
  private packetStart = 0;

  constructor(private readonly limit: number) {}

  scan(chunk: Uint8Array): number {
    let i = 0;
    while (i < chunk.length) {
      switch (this.state) {
        case 'refused':
          return 0;
        case 'type':
          this.packetStart = i;
          this.state = 'length';
          this.length = 0;
          this.lengthBytes = 0;
          i++;
          break;
        case 'length': {
          const byte = chunk[i++]!;
          this.length += (byte & 0x7f) * 128 ** this.lengthBytes;
          this.lengthBytes++;
          if (this.length > this.limit || (byte & 0x80 && this.lengthBytes === 4)) {
            this.state = 'refused';
            return this.packetStart;
          }
          if (byte & 0x80) break;
          this.left = this.length;
          this.state = this.left === 0 ? 'type' : 'body';
          break;
        }
        case 'body': {
          const take = Math.min(this.left, chunk.length - i);
          i += take;
          this.left -= take;
          if (this.left === 0) this.state = 'type';
          break;
        }
      }
      // A header that straddles chunks starts before this one; refusing it refuses from byte 0.
      if (this.state === 'length' && i === chunk.length) this.packetStart = 0;
    }
    return -1;
  }
}

/**
 * The socket as aedes sees it, with every incoming byte passed through a RemainingLengthScanner
 * first. A packet over the limit is refused at its fixed header: the bytes before it are
 * delivered, the connection is destroyed, and aedes never buffers, parses or acknowledges it.
 */
export class SizeGuardedConnection extends Duplex {
  private readonly scanner: RemainingLengthScanner;

  constructor(
    private readonly socket: Socket,
    limit: number = MAX_MQTT_REMAINING_LENGTH,
  ) {
    super();
    this.scanner = new RemainingLengthScanner(limit);
    socket.on('data', (chunk: Buffer) => {
      const refusedAt = this.scanner.scan(chunk);
      if (refusedAt >= 0) {
        if (refusedAt > 0) this.push(chunk.subarray(0, refusedAt));
        this.destroy();
        return;
      }
      if (!this.push(chunk)) socket.pause();
    });
    socket.on('end', () => this.push(null));
    socket.on('error', (error) => this.destroy(error));
    socket.on('close', () => this.destroy());
  }

  override _read(): void {
    this.socket.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    if (this.socket.write(chunk)) done();
    else this.socket.once('drain', () => done());
  }

  override _final(done: (error?: Error | null) => void): void {
    this.socket.end(() => done());
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    this.socket.destroy();
    done(error);
  }
}
