/**
 * DUIS user roles and the SEC access type each one carries (FACTS: Parties and roles).
 * The wire value is the key.
 */
export const USER_ROLES = {
  IS: { name: 'Import Supplier', accessType: 'A', fuel: 'electricity' },
  ES: { name: 'Export Supplier', accessType: 'A', fuel: 'electricity' },
  GS: { name: 'Gas Supplier', accessType: 'A', fuel: 'gas' },
  ED: { name: 'Electricity Distributor', accessType: 'B', fuel: 'electricity' },
  GT: { name: 'Gas Transporter', accessType: 'B', fuel: 'gas' },
  OU: { name: 'Other User', accessType: 'C', fuel: 'any' },
  // SEC ch. 4 Option B: the registered meter operator acting for the supplier.
  RSA: { name: 'Registered Supplier Agent', accessType: 'RSA', fuel: 'any' },
} as const;

export type UserRole = keyof typeof USER_ROLES;
export const USER_ROLE_CODES = Object.keys(USER_ROLES) as readonly UserRole[];

/**
 * A: only the registered supplier of that kind; B: only the network operator of the meter point;
 * C: any party, with consumer consent; RSA: follows the registered meter operator.
 */
export type AccessType = (typeof USER_ROLES)[UserRole]['accessType'];

export function isUserRole(value: unknown): value is UserRole {
  return typeof value === 'string' && Object.hasOwn(USER_ROLES, value);
}

export function accessTypeOf(role: UserRole): AccessType {
  return USER_ROLES[role].accessType;
}

/** The remote party roles a device holds trust anchors for (GBCS). */
export const DEVICE_TRUST_ROLES = [
  'Root',
  'Recovery',
  'Supplier',
  'NetworkOperator',
  'AccessControlBroker',
  'TransitionalCoS',
  'WanProvider',
  'OtherUser',
] as const;
export type DeviceTrustRole = (typeof DEVICE_TRUST_ROLES)[number];

/** SEC party categories (2012 consultation ch. 3). One organisation may hold several. */
export const PARTY_CATEGORIES = [
  'DCC',
  'ImportSupplier',
  'ExportSupplier',
  'GasSupplier',
  'ElectricityDistributor',
  'GasTransporter',
  'OtherUser',
  'MeterOperator',
] as const;
export type PartyCategory = (typeof PARTY_CATEGORIES)[number];
