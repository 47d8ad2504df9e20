import { StateMachine } from '../protocol/state-machine.js';

/**
 * A device's status in the DCC's Smart Metering Inventory (SEC §142, §154; BPM 01.01): pre-notified
 * by the supplier, installed on the HAN but not commissioned, commissioned, then retired.
 */
export type InventoryStatus =
  'PreNotified' | 'Installed' | 'Commissioned' | 'Decommissioned' | 'Withdrawn' | 'Suspended';
export type InventoryEvent = 'install' | 'commission' | 'decommission' | 'withdraw' | 'suspend' | 'resume';

export const INVENTORY_STATUS = new StateMachine<InventoryStatus, InventoryEvent>(
  'inventory status',
  {
    PreNotified: { install: 'Installed', decommission: 'Decommissioned' },
    Installed: { commission: 'Commissioned', decommission: 'Decommissioned', withdraw: 'Withdrawn' },
    Commissioned: { decommission: 'Decommissioned', withdraw: 'Withdrawn', suspend: 'Suspended' },
    Suspended: { resume: 'Commissioned', decommission: 'Decommissioned', withdraw: 'Withdrawn' },
    Decommissioned: {},
    Withdrawn: {},
  },
  ['install', 'commission', 'decommission', 'withdraw', 'suspend', 'resume'],
);
