export * from './link.js';
export * from './credentials.js';
export * from './broker-policy.js';
export * from './embedded-broker.js';
export * from './packet-size-guard.js';
export * from './mqtt-hub-link.js';
export * from './mqtt-head-end-link.js';
export * from './memory-link.js';
