/**
 * GBCS on the SMWAN and the SMHAN (docs/ARCHITECTURE.md "GBCS on the wire"): one GBCS message per
 * MQTT payload, nothing around it. The emulator's semantic messages (a command's body, a device's
 * outcome, an alert) become GBCS through the use-case codecs (protocol/gbcs/use-cases), the
 * grouping header, the signature and the MAC here; protection/ has the crypto.
 */
export * from './wire-error.js';
export * from './pair-secrets.js';
export * from './peek.js';
export * from './protect.js';
export * from './messages.js';
export * from './expiry-topic.js';
