import type { DeviceAnchors, PremisesRecord } from '../world/dcc-side.js';

/**
 * The messages between the soak coordinator (head-end process), the fleet process and its worker
 * threads. They cross by structured clone (worker messages, and `fork` with advanced
 * serialization), so they hold only plain data.
 */
export interface FleetConfig {
  /** Premises 1..premises, split into `workers` contiguous shards. */
  readonly premises: number;
  readonly workers: number;
  readonly seed: string;
  readonly brokerUrl: string;
  readonly smwanSecret: string;
  /** MQTT over TLS: the SMWAN CA (PEM), from which each worker issues its hubs' certificates. */
  readonly tlsCa?: { readonly cert: string; readonly key: string };
  readonly anchors: DeviceAnchors;
  /** Hubs connecting per second across the fleet; 0 means everyone at once (the connect storm). */
  readonly connectPerSecond: number;
  readonly ihdRefreshMs: number;
  readonly gsmeWakeMs: number;
}

export interface ShardConfig extends FleetConfig {
  readonly worker: number;
  /** First and last premises index of this shard, inclusive. */
  readonly first: number;
  readonly last: number;
}

export type ConsumerAction = 'powerOutage' | 'powerRestore' | 'hubOffline' | 'hubOnline';

/** Coordinator → fleet → the workers whose shards hold the premises. */
export type FleetCommand =
  | { readonly type: 'start'; readonly config: FleetConfig }
  | { readonly type: 'consumer'; readonly action: ConsumerAction; readonly indices: readonly number[] }
  /** The benchmark's alert storm: each listed premises' ESME raises `perPremises` alerts of `code`. */
  | {
      readonly type: 'raiseAlerts';
      readonly code: number;
      readonly perPremises: number;
      readonly indices: readonly number[];
    }
  | { readonly type: 'stop' };

/** What a shard counts; the fleet sums the shards. */
export interface ShardStats {
  readonly built: number;
  readonly hubsOnline: number;
  readonly connectFailures: number;
  /** Frames the hubs took from the broker (commands). */
  readonly framesDown: number;
  /** Responses the broker acknowledged (PUBACK). */
  readonly responsesUp: number;
  /** Device alerts the broker acknowledged, by code (0x8F35 ...). */
  readonly alertsUpByCode: Readonly<Record<string, number>>;
  /** Frames a hub could not hold while its WAN was down: lost at the premises, and reported. */
  readonly upBufferOverflows: number;
  readonly heapUsedBytes: number;
}

/** Workers → fleet → coordinator. */
export type FleetEvent =
  | { readonly type: 'enrol'; readonly records: readonly PremisesRecord[] }
  | { readonly type: 'online'; readonly indices: readonly number[] }
  | { readonly type: 'offline'; readonly indices: readonly number[] }
  | { readonly type: 'stats'; readonly worker: number; readonly stats: ShardStats }
  | { readonly type: 'fleet'; readonly rssBytes: number; readonly workers: number }
  | { readonly type: 'error'; readonly message: string }
  | { readonly type: 'stopped'; readonly worker: number };

/** Which worker holds a premises: contiguous shards, the remainder spread over the first ones. */
export function shardOf(index: number, premises: number, workers: number): number {
  const base = Math.floor(premises / workers);
  const extra = premises % workers;
  const boundary = extra * (base + 1);
  return index - 1 < boundary
    ? Math.floor((index - 1) / (base + 1))
    : extra + Math.floor((index - 1 - boundary) / base);
}

export function shardRange(worker: number, premises: number, workers: number): { first: number; last: number } {
  const base = Math.floor(premises / workers);
  const extra = premises % workers;
  const first = worker * base + Math.min(worker, extra) + 1;
  return { first, last: first + base + (worker < extra ? 1 : 0) - 1 };
}
