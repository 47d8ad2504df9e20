/**
 * ZCL cluster ids and the attributes GBCS use cases read from a GSME or GPF, as data. Cluster ids
 * are GBCS-FACTS §9.2; attribute ids and names are the ZigBee Smart Energy ones, as listed in
 * SmartDCC gbcs-parser `src/zigbee.ts` (`clusters` map, facts only). GCS13a reads Metering 0x0302,
 * 0x0301, 0x0300 and 0x0000 (GBCS-FACTS §13). This table names attributes for display; the codec
 * itself decodes every value by the type byte it carries, so a missing row never stops a decode.
 */
export const ZCL_CLUSTERS = {
  basic: 0x0000,
  price: 0x0700,
  metering: 0x0702,
  messaging: 0x0703,
  prepayment: 0x0705,
  calendar: 0x0707,
  deviceManagement: 0x0708,
  events: 0x0709,
} as const;

export type ZclClusterName = keyof typeof ZCL_CLUSTERS;

export const ZCL_ATTRIBUTES = {
  [ZCL_CLUSTERS.basic]: {
    0x0003: 'HW Version',
    0x0004: 'Manufacturer Name',
    0x0005: 'Model Identifier',
  },
  [ZCL_CLUSTERS.price]: {
    0x0100: 'Block 1 Threshold',
    0x0101: 'Block 2 Threshold',
    0x0102: 'Block 3 Threshold',
    0x0202: 'Threshold Multiplier',
    0x0203: 'Threshold Divisor',
    0x0301: 'Standing Charge',
    0x0302: 'Conversion Factor',
    0x0303: 'Conversion Factor Trailing Digit',
    0x0304: 'Calorific Value',
    0x0305: 'Calorific Value Unit',
    0x0306: 'Calorific Value Trailing Digit',
    0x0400: 'No Tier Block 1 Price',
    0x0401: 'No Tier Block 2 Price',
    0x0402: 'No Tier Block 3 Price',
    0x0403: 'No Tier Block 4 Price',
    0x0410: 'Tier 1 Block 1 Price',
    0x0420: 'Tier 2 Block 1 Price',
    0x0430: 'Tier 3 Block 1 Price',
    0x0440: 'Tier 4 Block 1 Price',
    0x0615: 'Unit of Measure',
    0x0616: 'Currency',
    0x0617: 'Price Trailing Digits',
  },
  [ZCL_CLUSTERS.metering]: {
    0x0000: 'Current Summation Delivered',
    0x0014: 'Supply Status',
    0x0100: 'Current Tier 1 Summation Delivered',
    0x0102: 'Current Tier 2 Summation Delivered',
    0x0104: 'Current Tier 3 Summation Delivered',
    0x0106: 'Current Tier 4 Summation Delivered',
    0x0205: 'Remaining Battery Life in Days',
    0x0206: 'Current Meter Id',
    0x0300: 'Unit of Measure',
    0x0301: 'Multiplier',
    0x0302: 'Divisor',
    0x0307: 'Site ID',
    0x0607: 'Supply Tamper State',
    0x0608: 'Supply Depletion State',
    0x0700: 'Current No Tier Block 1 Summation Delivered',
    0x0701: 'Current No Tier Block 2 Summation Delivered',
    0x0702: 'Current No Tier Block 3 Summation Delivered',
    0x0703: 'Current No Tier Block 4 Summation Delivered',
    0x0a00: 'Bill to Date Delivered',
    0x0b10: 'Uncontrolled Flow Threshold',
    0x0b11: 'Uncontrolled Flow Threshold Unit of Measure',
    0x0b12: 'Uncontrolled Flow Multiplier',
    0x0b13: 'Uncontrolled Flow Divisor',
    0x0b14: 'Flow Stabilisation Period',
    0x0b15: 'Flow Measurement Period',
  },
  [ZCL_CLUSTERS.prepayment]: {
    0x0000: 'Payment Control Configuration',
    0x0001: 'Credit Remaining',
    0x0002: 'Emergency Credit Remaining',
    0x0005: 'Accumulated Debt',
    0x0006: 'Overall Debt Cap',
    0x0010: 'Emergency Credit Limit',
    0x0011: 'Emergency Credit Threshold',
    0x0021: 'Max Credit Limit',
    0x0022: 'Max Credit Per Top Up',
    0x0031: 'Low Credit Warning Level',
    0x0040: 'Cut Off Value',
    0x0211: 'Debt Amount 1 (Time-Based Debt 1)',
    0x0216: 'Debt Recovery Frequency 1',
    0x0217: 'Debt Recovery Amount 1',
    0x0221: 'Debt Amount 2 (Time-Based Debt 2)',
    0x0226: 'Debt Recovery Frequency 2',
    0x0227: 'Debt Recovery Amount 2',
    0x0231: 'Debt Amount 3 (Payment-Based Debt)',
    0x0239: 'Debt Recovery Top Up Percentage 3',
  },
} as const satisfies Readonly<Record<number, Readonly<Record<number, string>>>>;

/** The GCS13a read (GBCS-FACTS §13): Divisor, Multiplier, Unit of Measure, Current Summation Delivered. */
export const GCS13A_ATTRIBUTES = [0x0302, 0x0301, 0x0300, 0x0000] as const;

export function clusterName(clusterId: number): ZclClusterName | undefined {
  return (Object.keys(ZCL_CLUSTERS) as ZclClusterName[]).find((k) => ZCL_CLUSTERS[k] === clusterId);
}

export function attributeName(clusterId: number, attributeId: number): string | undefined {
  const table = (ZCL_ATTRIBUTES as Readonly<Record<number, Readonly<Record<number, string>> | undefined>>)[clusterId];
  return table?.[attributeId];
}
