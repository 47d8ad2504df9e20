import { decodeFrame, formatAlertCode } from '../protocol/index.js';
import type { HubLink } from '../smwan/link.js';

/** Frame counts for one shard, shared by all its hubs' links. */
export class ShardCounters {
  framesDown = 0;
  responsesUp = 0;
  readonly alertsUpByCode: Record<string, number> = {};
}

/**
 * A hub's SMWAN link that counts what crosses it: commands down, and responses and alerts once
 * the broker has acknowledged them (QoS 1 PUBACK). Alerts counted here and missing at the DCC are
 * lost in transit, and soak reports them. Decoding costs one CBOR pass per upward frame; the
 * frame's bytes go on unchanged.
 */
export class CountingHubLink implements HubLink {
  readonly hub;

  constructor(
    private readonly inner: HubLink,
    private readonly counters: ShardCounters,
  ) {
    this.hub = inner.hub;
  }

  get isOpen(): boolean {
    return this.inner.isOpen;
  }

  open(): Promise<void> {
    return this.inner.open();
  }

  async sendUp(frame: Uint8Array): Promise<void> {
    await this.inner.sendUp(frame);
    let decoded;
    try {
      decoded = decodeFrame(frame);
    } catch {
      return; // the hub only passes up what decoded at the HAN; nothing to count otherwise
    }
    if (decoded.kind === 'alert') {
      const code = formatAlertCode(decoded.alertCode);
      this.counters.alertsUpByCode[code] = (this.counters.alertsUpByCode[code] ?? 0) + 1;
    } else if (decoded.kind === 'response') this.counters.responsesUp++;
  }

  onDown(handler: (frame: Uint8Array, expiresAt: number | undefined) => void): void {
    this.inner.onDown((frame, expiresAt) => {
      this.counters.framesDown++;
      handler(frame, expiresAt);
    });
  }

  close(options?: { readonly graceful?: boolean }): Promise<void> {
    return this.inner.close(options);
  }
}
