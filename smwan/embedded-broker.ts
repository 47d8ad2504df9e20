import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import { Aedes, type AedesOptions, type AuthenticateError, type Client } from 'aedes';
import { mayPublish, mayRetain, maySubscribe } from './broker-policy.js';
import { HEAD_END_USER, type Principal, type SmwanCredentials } from './credentials.js';
import { MAX_MQTT_REMAINING_LENGTH, SizeGuardedConnection } from './packet-size-guard.js';
import { principalOfCertificate } from './tls/certificate-principal.js';
import type { TlsMaterial } from './tls/smwan-ca.js';

export interface EmbeddedBrokerOptions {
  readonly credentials: SmwanCredentials;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** Largest MQTT remaining length accepted; default MAX_MQTT_REMAINING_LENGTH (packet-size-guard.ts). */
  readonly maxRemainingLength?: number;
  /**
   * MQTT over TLS (issue 17): the broker's certificate, and the CA whose client certificates it
   * takes. A client must present one; its subject CN is who it is (smwan/tls/). Plain TCP when absent.
   */
  readonly tls?: TlsMaterial;
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

/** A certified client's identity; a user name, if it sends one, must be the same identity. */
function certificatePrincipal(principal: Principal | undefined, username: string | undefined): Principal | undefined {
  if (!principal || username === undefined) return principal;
  const name = principal.kind === 'hub' ? principal.hub : HEAD_END_USER;
  return username === name ? principal : undefined;
}

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
  // Under TLS, who a connection is comes from its verified client certificate, not a password.
  const certified = new WeakMap<object, Principal | undefined>();
  const hooks: AedesOptions = {
    authenticate(client, username, password, done) {
      const principal = options.tls
        ? certificatePrincipal(certified.get(client.conn), username)
        : options.credentials.authenticate(username, password);
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
      // MQTT 3.1.1 has no way to refuse the retain flag alone: the message goes on, not kept.
      if (packet.retain && !mayRetain(packet.topic)) packet.retain = false;
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
  const accept = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    const connection = new SizeGuardedConnection(socket, options.maxRemainingLength ?? MAX_MQTT_REMAINING_LENGTH);
    if (options.tls) certified.set(connection, principalOfCertificate((socket as TLSSocket).getPeerCertificate()));
    aedes.handle(connection);
  };
  // requestCert + rejectUnauthorized: a client without a certificate from our CA never gets to MQTT.
  const server: Server = options.tls
    ? createTlsServer(
        { ...options.tls, requestCert: true, rejectUnauthorized: true, noDelay: true, minVersion: 'TLSv1.2' },
        accept,
      )
    : createServer({ noDelay: true }, accept);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'mqtts' : 'mqtt'}://${address}:${port}`,
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
