import type { ServiceReferenceVariant } from './catalogue.js';

/**
 * Local HAN messages between devices of one premises. They travel as unsigned command frames
 * whose message code is one of these (never a DUIS variant), and are accepted only from devices
 * the receiver has joined: GBCS establishes that trust at join time (CBKE), which the emulator
 * does not model byte for byte.
 */
export const HAN_MESSAGES = {
  /** IHD/PPMID → meter or GPF: send me your display data. */
  READ: 'HAN.READ',
  /** meter or GPF → IHD/PPMID: display data. */
  READING: 'HAN.READING',
  /** meter → IHD/PPMID: you are joined / unjoined (SR 8.7 / 8.8 executed at the meter). */
  JOINED: 'HAN.JOINED',
  UNJOINED: 'HAN.UNJOINED',
  /** PPMID → meter: the consumer typed a UTRN. */
  UTRN: 'HAN.UTRN',
  /** PPMID → meter: the consumer asked for emergency credit. */
  EMERGENCY_CREDIT: 'HAN.EMERGENCY_CREDIT',
  /** PPMID → meter: the consumer pressed the supply button (enables an armed supply). */
  SUPPLY_BUTTON: 'HAN.SUPPLY_BUTTON',
  /** GSME → GPF: I am awake; send my mailbox. */
  WAKE: 'HAN.WAKE',
  /** GSME → GPF: my current data, for the mirror. */
  MIRROR: 'HAN.MIRROR',
  /** GPF → GSME: mailbox empty, back to sleep. */
  SLEEP: 'HAN.SLEEP',
} as const;

export type HanMessage = (typeof HAN_MESSAGES)[keyof typeof HAN_MESSAGES];

/**
 * The reads the GPF answers from its mirror of a gas meter, without waiting for the meter to
 * wake (FACTS: GPF). The GSME refreshes each of them at every wake (HAN.MIRROR); the GPF answers
 * them. The list is the contract between the two, so it lives with the HAN messages.
 */
export const MIRRORED_READS = [
  '4.1.1',
  '4.3',
  '4.18',
  '6.2.7',
  '7.4',
  '11.2',
] as const satisfies readonly ServiceReferenceVariant[];
export type MirroredRead = (typeof MIRRORED_READS)[number];
