import { StateMachine } from '../protocol/state-machine.js';

/**
 * SEC party status (SEC ch. 3, 5, 6, 19): a party applies, accedes, completes the four entry
 * processes, and only then becomes active. Later it may be suspended (on default), reinstated,
 * or leave: withdrawn or expelled.
 */
export type PartyStatus = 'Applied' | 'Acceded' | 'Active' | 'Suspended' | 'Withdrawn' | 'Expelled';
export type PartyEvent = 'accede' | 'activate' | 'suspend' | 'reinstate' | 'withdraw' | 'expel';

export const PARTY_STATUS = new StateMachine<PartyStatus, PartyEvent>(
  'party status',
  {
    Applied: { accede: 'Acceded', withdraw: 'Withdrawn' },
    Acceded: { activate: 'Active', withdraw: 'Withdrawn', expel: 'Expelled' },
    Active: { suspend: 'Suspended', withdraw: 'Withdrawn', expel: 'Expelled' },
    Suspended: { reinstate: 'Active', withdraw: 'Withdrawn', expel: 'Expelled' },
    Withdrawn: {},
    Expelled: {},
  },
  ['accede', 'activate', 'suspend', 'reinstate', 'withdraw', 'expel'],
);

/** The four SEC entry processes; each is recorded with its completion date before activation. */
export const ENTRY_PROCESSES = [
  'security',
  'communicationsTest',
  'businessProcessCapability',
  'financialSecurity',
] as const;
export type EntryProcess = (typeof ENTRY_PROCESSES)[number];
