import type { Eui64 } from './eui.js';
import type { HubState } from './topics.js';

/**
 * The SMWAN seam. The hub and the head-end each get a link handed to them and never open sockets
 * themselves; tests hand them the in-memory link, integration tests and users the MQTT one.
 * Frames cross as encoded bytes: the link knows nothing about their content.
 */
export interface HubLink {
  readonly hub: Eui64;
  readonly isOpen: boolean;
  /** Connect with the hub's credentials, subscribe to its `down`, publish state `online`. */
  open(): Promise<void>;
  /** Publish a frame on the hub's `up` topic at QoS 1; resolves once the broker has it. */
  sendUp(frame: Uint8Array): Promise<void>;
  /**
   * Frames for this hub, with the DCC's deadline the down topic carries (protocol/topics.ts
   * `downTopic`; undefined for none). Set before `open`, so that frames queued while offline are
   * not missed.
   */
  onDown(handler: (frame: Uint8Array, expiresAt?: number) => void): void;
  /**
   * `graceful`: publish state `offline` and disconnect. Otherwise the connection just drops, as
   * on a power cut, and the broker publishes the last will (`offline`).
   */
  close(options?: { readonly graceful?: boolean }): Promise<void>;
}

export interface HeadEndLink {
  readonly isOpen: boolean;
  open(): Promise<void>;
  /**
   * Publish a frame on a hub's down topic at QoS 1, with the command's expiry in the topic
   * (`smwan/v1/<hub>/down/<expiresAt>`); held by the broker while the hub is away.
   */
  sendDown(hub: Eui64, frame: Uint8Array, expiresAt?: number): Promise<void>;
  onUp(handler: (hub: Eui64, frame: Uint8Array) => void): void;
  onHubState(handler: (hub: Eui64, state: HubState) => void): void;
  close(): Promise<void>;
}
