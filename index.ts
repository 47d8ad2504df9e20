/**
 * smetsim as a library: what a supplier's own test suite (Jest, vitest, mocha, node:test) imports
 * to run the emulated GB smart-metering system in process. docs/library.md walks through it.
 *
 * `startHarness` is the short way: a whole world (broker, DCC head-end, User Gateway, premises,
 * parties) on a virtual clock you advance, with a signed client per party. `startWorld` is the
 * wiring under it, for every option. Everything exported here is the supported surface; deeper
 * imports (`smetsim/dist/...`) are not, and package.json's `exports` refuses them.
 */
export { startHarness, type Harness, type HarnessOptions } from './world/harness.js';
export { startWorld, inProcessTransport, type World, type WorldOptions } from './world/dcc-world.js';
export type { ClockControl, ClockMode } from './world/clock-control.js';
export { GatewayClient, httpTransport, type GatewayTransport, type InboxEntry } from './world/gateway-client.js';
export { DEFAULT_PARTIES, type DefaultPartyName, type PartyIdentity } from './world/default-parties.js';
export { buildPremises, premisesEui, premisesMpan, premisesMprn, type Premises } from './world/premises.js';
export { deviceState } from './scenario-runner/scenario-world.js';
export {
  VirtualClock,
  RealClock,
  ScaledClock,
  nodeCrypto,
  nobleCrypto,
  parseDuration,
  parseEui,
  generateUtrn,
  signGatewayRequest,
  SmetsimError,
  type Clock,
  type CryptoProvider,
  type Eui64,
} from './protocol/index.js';
export type { HeadEnd } from './dcc-head-end/head-end.js';
export type { InboxItem } from './dcc-head-end/inbox.js';
