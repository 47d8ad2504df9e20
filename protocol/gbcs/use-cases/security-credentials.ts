import type { DeviceType } from '../../device-type.js';
import { provideCredentialsCodec } from './security-credentials/provide-credentials.js';
import { updateCredentialsCodec } from './security-credentials/update-credentials.js';
import type { UseCaseCodec } from './use-case-codec.js';

const METERS: readonly DeviceType[] = ['ESME', 'GSME'];
const ALL: readonly DeviceType[] = [...METERS, 'CHF', 'GPF'];

/**
 * SRs 6.14, 6.15, 6.17, 6.21, 6.23, 6.24 and the DBCH SRs 6.28 to 6.32: security credentials and
 * dual-band CHF. CS02 payloads are DER and the same on every device type (GBCS-FACTS §10), so one
 * codec is listed per device type that executes the SR. Message codes from the RTDS folders.
 *
 * 0x0102 and 0x0103 are both 6.15.1 (a supplier's or network operator's own device) and 6.21 (the
 * DCC handing over a hub it controlled): the code alone cannot tell them apart, so a device must
 * look a CS02b codec up by code and by its own type. Every device type here runs both with the same
 * replacement (device-core/credential-replacement.ts), so either codec serves.
 */
export const SECURITY_CREDENTIALS: readonly UseCaseCodec[] = [
  // 6.21 Request Handover of DCC Controlled Device: the DCC (as the hub's supplier) hands over.
  ...ALL.map((d) => updateCredentialsCodec('CS02bSupplierBySupplierHandover', 0x0102, '6.21', d, 'SupplierBySupplier')),
  ...ALL.map((d) =>
    updateCredentialsCodec('CS02bNOByNOHandover', 0x0103, '6.21', d, 'NetworkOperatorByNetworkOperator'),
  ),
  // 6.15.1 Update Security Credentials (KRP): the supplier or network operator replaces its own.
  ...ALL.map((d) => updateCredentialsCodec('CS02bSupplierBySupplier', 0x0102, '6.15.1', d, 'SupplierBySupplier')),
  ...ALL.map((d) => updateCredentialsCodec('CS02bNOByNO', 0x0103, '6.15.1', d, 'NetworkOperatorByNetworkOperator')),
  // 6.23 Update Security Credentials (CoS): the Transitional CoS party installs the incoming supplier.
  ...METERS.map((d) => updateCredentialsCodec('CS02bSupplierByTransCoS', 0x0107, '6.23', d, 'SupplierByTransCoS')),

  // 6.24.1 Retrieve Device Security Credentials (KRP): the trust anchor details per role.
  ...ALL.map((d) => provideCredentialsCodec('CS02aMAC', 0x0008, '6.24.1', d)),
];
