import type { Eui64 } from '../../eui.js';
import { SMWAN_PREFIX } from '../../topics.js';

/**
 * The DCC's response deadline for a command (issue 17, docs/ARCHITECTURE.md "What a timed-out
 * command does"). GBCS has no expiry field (the command date-time is `00`, GBCS-FACTS §4), so it
 * travels outside the GBCS message, in the topic, as an MQTT 5 message-expiry interval would on a
 * 3.1.1 broker: `smwan/v1/<hub>/down/<expiresAt ms since the epoch>`; a command without a DCC
 * deadline goes on `smwan/v1/<hub>/down/-`. The hub refuses a command past it and drops what it
 * holds (HAN buffer, GPF mailbox) once it passes. Emulator choice.
 */
export function downTopicWithExpiry(hub: Eui64, expiresAt: number | undefined): string {
  return `${SMWAN_PREFIX}/${hub}/down/${expiresAt === undefined ? '-' : String(expiresAt)}`;
}

/** The expiry a down topic carries: a number, `null` for none (`-`), undefined when it is not a down-with-expiry topic. */
export function expiryOfDownTopic(topic: string): number | null | undefined {
  const parts = topic.split('/');
  if (parts.length !== 5 || `${parts[0]}/${parts[1]}` !== SMWAN_PREFIX || parts[3] !== 'down') return undefined;
  const tail = parts[4]!;
  if (tail === '-') return null;
  if (!/^[0-9]{1,15}$/.test(tail)) return undefined;
  return Number(tail);
}
