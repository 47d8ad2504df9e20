import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { Aedes, type AedesOptions, type AuthenticateError, type Client } from 'aedes';
import { mayPublish, maySubscribe } from './broker-policy.js';
import type { Principal, SmwanCredentials } from './credentials.js';
import { MAX_MQTT_REMAINING_LENGTH, SizeGuardedConnection } from './packet-size-guard.js';

export interface EmbeddedBrokerOptions {
  readonly credentials: SmwanCredentials;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** Largest MQTT remaining length accepted; default MAX_MQTT_REMAINING_LENGTH (packet-size-guard.ts). */
  readonly maxRemainingLength?: number;
}

export interface EmbeddedBroker {
  readonly url: string;
  readonly port: number;
  readonly connectedClients: number;
  close(): Promise<void>;
}

// MQTT 3.1.1 CONNACK return codes.
const BAD_USERNAME_OR_PASSWORD = 4;
const NOT_AUTHORIZED = 5;

function authError(returnCode: number, message: string): AuthenticateError {
  const error: AuthenticateError = Object.assign(new Error(message), { returnCode });
  return error;
}

/**
 * The default SMWAN broker: aedes on a TCP port, with per-hub authentication and topic rights,
 * and a packet size limit (aedes has none of its own): a connection that sends a packet over
 * MAX_MQTT_REMAINING_LENGTH is closed at that packet's fixed header.
 * Nagle's algorithm is off: with it on, p99 latency sits at 25-35 ms instead of 2-4 ms.
 */
export async function startEmbeddedBroker(options: EmbeddedBrokerOptions): Promise<EmbeddedBroker> {
  const principals = new WeakMap<Client, Principal>();
  const hooks: AedesOptions = {
    authenticate(client, username, password, done) {
      const principal = options.credentials.authenticate(username, password);
      if (!principal) return done(authError(BAD_USERNAME_OR_PASSWORD, 'bad user name or password'), false);
      // A hub's client id is its EUI, so no one can take over another hub's persistent session.
      if (principal.kind === 'hub' && client.id !== principal.hub) {
        return done(authError(NOT_AUTHORIZED, 'a hub must connect with its EUI as client id'), false);
      }
      principals.set(client, principal);
      done(null, true);
    },
    authorizePublish(client, packet, callback) {
      // client is null for messages the broker publishes itself (last wills come with a client).
      const principal = client ? principals.get(client) : undefined;
      if (client && (!principal || !mayPublish(principal, packet.topic))) {
        return callback(new Error(`not authorised to publish to ${packet.topic}`));
      }
      callback(null);
    },
    authorizeSubscribe(client, subscription, callback) {
      const principal = principals.get(client);
      if (!principal || !maySubscribe(principal, subscription.topic)) {
        // A null subscription makes aedes answer SUBACK 0x80 (failure) rather than drop the client.
        return callback(null, null);
      }
      callback(null, subscription);
    },
  };
  // concurrency 0: no bound on messages in flight inside the broker. With aedes's default (100),
  // mqemitter queues the rest and drains the queue recursively, and a burst of thousands of last
  // wills (a regional power cut, or a 10,000-hub fleet stopping) overflowed the stack in a soak
  // run (mcollina/mqemitter#204, open upstream).
  const aedes = await Aedes.createBroker({ ...hooks, concurrency: 0 });
  // Every connection is tracked so that close() ends them: server.close() alone waits for each
  // client to hang up, which a half-closed or reconnecting client may never do.
  const sockets = new Set<Socket>();
  const server: Server = createServer({ noDelay: true }, (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    aedes.handle(new SizeGuardedConnection(socket, options.maxRemainingLength ?? MAX_MQTT_REMAINING_LENGTH));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  return {
    url: `mqtt://${address}:${port}`,
    port,
    get connectedClients() {
      return aedes.connectedClients;
    },
    async close() {
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
