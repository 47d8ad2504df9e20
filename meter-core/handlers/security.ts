import { provideCredentialDetails } from '../../device-core/credential-details.js';
import { replaceCredentials, targetOf, type ReplacementTarget } from '../../device-core/credential-replacement.js';
import type { Execution } from '../../device-core/firmware.js';
import type { HandlerTable, ServiceCommand } from '../../device-core/handlers.js';
import type { MeterFirmware } from '../meter-firmware.js';

/**
 * A CS02b replacement on a meter: the shared replacement (device-core/credential-replacement.ts),
 * and for a new supplier a fresh start of the UTRN counters (its prepayment floor, which the command
 * sets to 0), plus an event-log entry.
 */
function replaceOnMeter(m: MeterFirmware, c: ServiceCommand, target: ReplacementTarget, event: string): Execution {
  const { execution, installed } = replaceCredentials(m, c, target);
  if (installed === undefined) return execution;
  if (target.role === 'Supplier') m.prepayment.resetUtrnCounters();
  m.events.record(m.now(), event, installed.eui);
  return execution;
}

/** The security-credential SRs both meters execute (CS02: GBCS-FACTS §10). */
export const SECURITY_HANDLERS: HandlerTable<MeterFirmware> = {
  // 6.15.1 Update Security Credentials (KRP): the supplier or network operator replaces its own cells.
  '6.15.1': (m, c) => {
    const target = targetOf(c);
    return replaceOnMeter(m, c, target, `${target.field} credentials replaced`);
  },
  // 6.21 Request Handover of DCC Controlled Device: the same replacement, on a device the DCC held.
  '6.21': (m, c) => replaceOnMeter(m, c, targetOf(c), 'handover'),
  // 6.24.1 Retrieve Device Security Credentials (KRP): what the meter trusts, per role asked.
  '6.24.1': (m, c) => provideCredentialDetails(m, c),
  // 6.23 Update Security Credentials (CoS): the Transitional CoS party installs the incoming supplier.
  '6.23': (m, c) =>
    replaceOnMeter(m, c, { role: 'Supplier', field: 'supplier', requireDs: true }, 'change of supplier'),
};
