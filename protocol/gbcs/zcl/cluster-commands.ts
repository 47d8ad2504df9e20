import type { ZclTypeName } from './data-types.js';

/**
 * The field layouts of the cluster-specific ZCL commands GBCS uses (ZigBee Smart Energy 1.x, as
 * profiled by GBCS), as data. Field order and types are facts read from SmartDCC gbcs-parser
 * `src/zigbee.ts` (the `clusters` map) and checked against RTDS 4.5.0 by
 * `npm run test:rtds`; the names are the ZSE field names. Where the parser reads an
 * "Issuer Event Id" with its UTC-time helper, the ZSE type (uint32) is used: the bytes are the same.
 *
 * `records` is the repeated part after the fixed fields: `count` names the fixed field that holds
 * how many there are; without it they run to the end of the payload. `optional` fields are read
 * only when bytes remain; `tail` is a number of raw trailing bytes a command may carry (Publish
 * Price's 19 bytes that "should be ignored", per the parser's note). A command that is not in this
 * table decodes as raw bytes.
 */
export type FieldSpec = readonly [name: string, type: ZclTypeName];

export interface CommandSchema {
  readonly name: string;
  readonly fields: readonly FieldSpec[];
  readonly records?: { readonly fields: readonly FieldSpec[]; readonly count?: string };
  readonly optional?: readonly FieldSpec[];
  readonly tail?: number;
}

type Direction = 'clientToServer' | 'serverToClient';
type ClusterSchemas = Readonly<
  Record<number, Readonly<Partial<Record<Direction, Readonly<Record<number, CommandSchema>>>>>>
>;

const PROVIDER: FieldSpec = ['Provider Id', 'uint32'];
const EVENT: FieldSpec = ['Issuer Event Id', 'uint32'];
const CALENDAR: FieldSpec = ['Issuer Calendar Id', 'uint32'];
const INDEX: FieldSpec = ['Command Index', 'uint8'];
const TOTAL: FieldSpec = ['Total Number of Commands', 'uint8'];

export const CLUSTER_COMMANDS = {
  // Price cluster (ZSE D.4)
  0x0700: {
    clientToServer: {
      0x00: { name: 'Get Current Price', fields: [['Command Options', 'bitmap8']] },
      0x0b: {
        name: 'Get Billing Period',
        fields: [
          ['Earliest Start Time', 'utcTime'],
          ['Min Issuer Event Id', 'uint32'],
          ['Number of Commands', 'uint8'],
          ['Tariff Type', 'bitmap8'],
        ],
      },
    },
    serverToClient: {
      0x00: {
        name: 'Publish Price',
        fields: [
          PROVIDER,
          ['Rate Label', 'octetString'],
          EVENT,
          ['Current Time', 'utcTime'],
          ['Unit of Measure', 'enum8'],
          ['Currency', 'uint16'],
          ['Price Trailing Digit and Price Tier', 'bitmap8'],
          ['Number of Price Tiers and Register Tier', 'bitmap8'],
          ['Start Time', 'utcTime'],
          ['Duration in Minutes', 'uint16'],
          ['Price', 'uint32'],
        ],
        tail: 19,
      },
      0x01: {
        name: 'Publish Block Period',
        fields: [
          PROVIDER,
          EVENT,
          ['Block Period Start Time', 'utcTime'],
          ['Block Period Duration', 'uint24'],
          ['Block Period Control', 'bitmap8'],
          ['Block Period Duration Type', 'bitmap8'],
          ['Tariff Type', 'bitmap8'],
          ['Tariff Resolution Period', 'enum8'],
        ],
      },
      0x02: {
        name: 'Publish Conversion Factor',
        fields: [
          EVENT,
          ['Start Time', 'utcTime'],
          ['Conversion Factor', 'uint32'],
          ['Conversion Factor Trailing Digit', 'bitmap8'],
        ],
      },
      0x03: {
        name: 'Publish Calorific Value',
        fields: [
          EVENT,
          ['Start Time', 'utcTime'],
          ['Calorific Value', 'uint32'],
          ['Calorific Value Unit', 'enum8'],
          ['Calorific Value Trailing Digit', 'bitmap8'],
        ],
      },
      0x04: {
        name: 'Publish Tariff Information',
        fields: [
          PROVIDER,
          EVENT,
          ['Issuer Tariff Id', 'uint32'],
          ['Start Time', 'utcTime'],
          ['Tariff Type / Charging Scheme', 'bitmap8'],
          ['Tariff Label', 'octetString'],
          ['Number of Price Tiers in Use', 'uint8'],
          ['Number of Block Thresholds in Use', 'uint8'],
          ['Unit of Measure', 'enum8'],
          ['Currency', 'uint16'],
          ['Price Trailing Digit', 'bitmap8'],
          ['Standing Charge', 'uint32'],
          ['Tier Block Mode', 'uint8'],
          ['Block Threshold Multiplier', 'uint24'],
          ['Block Threshold Divisor', 'uint24'],
        ],
      },
      0x05: {
        name: 'Publish Price Matrix',
        fields: [
          PROVIDER,
          EVENT,
          ['Start Time', 'utcTime'],
          ['Issuer Tariff Id', 'uint32'],
          INDEX,
          TOTAL,
          ['Sub-payload Control', 'bitmap8'],
        ],
        records: {
          fields: [
            ['Tier / Block Id', 'uint8'],
            ['Price', 'uint32'],
          ],
        },
      },
      0x06: {
        name: 'Publish Block Thresholds',
        fields: [
          PROVIDER,
          EVENT,
          ['Start Time', 'utcTime'],
          ['Issuer Tariff Id', 'uint32'],
          INDEX,
          TOTAL,
          ['Sub-payload Control', 'bitmap8'],
          ['Number of Block Thresholds', 'uint8'],
        ],
        records: { fields: [['Block Threshold', 'uint48']], count: 'Number of Block Thresholds' },
      },
      0x09: {
        name: 'Publish Billing Period',
        fields: [
          PROVIDER,
          EVENT,
          ['Billing Period Start Time', 'utcTime'],
          ['Billing Period Duration', 'uint24'],
          ['Billing Period Duration Type', 'bitmap8'],
          ['Tariff Type', 'bitmap8'],
        ],
      },
    },
  },
  // Metering cluster (ZSE D.3)
  0x0702: {
    clientToServer: {
      0x06: {
        name: 'Get Snapshot',
        fields: [
          ['Earliest Start Time', 'utcTime'],
          ['Latest End Time', 'utcTime'],
          ['Snapshot Offset', 'uint8'],
          ['Snapshot Cause', 'bitmap32'],
        ],
      },
      0x07: {
        name: 'Start Sampling',
        fields: [
          EVENT,
          ['Start Sampling Time', 'utcTime'],
          ['Sample Type', 'enum8'],
          ['Sample Request Interval', 'uint16'],
          ['Max Number of Samples', 'uint16'],
        ],
      },
      0x08: {
        name: 'Get Sampled Data',
        fields: [
          ['Sample Id', 'uint16'],
          ['Earliest Sample Time', 'utcTime'],
          ['Sample Type', 'enum8'],
          ['Number of Samples', 'uint16'],
        ],
      },
      0x0b: {
        name: 'Change Supply',
        fields: [
          PROVIDER,
          EVENT,
          ['Request Date Time', 'utcTime'],
          ['Implementation Date Time', 'utcTime'],
          ['Proposed Supply Status', 'enum8'],
          ['Supply Control Bits', 'bitmap8'],
        ],
      },
      0x0d: {
        name: 'Set Supply Status',
        fields: [
          EVENT,
          ['Supply Tamper State', 'enum8'],
          ['Supply Depletion State', 'enum8'],
          ['Supply Uncontrolled Flow State', 'enum8'],
          ['Load Limit Supply State', 'enum8'],
        ],
      },
      0x0e: {
        name: 'Set Uncontrolled Flow Threshold',
        fields: [
          PROVIDER,
          EVENT,
          ['Uncontrolled Flow Threshold', 'uint16'],
          ['Unit of Measure', 'enum8'],
          ['Multiplier', 'uint16'],
          ['Divisor', 'uint16'],
          ['Stabilisation Period', 'uint8'],
          ['Measurement Period', 'uint16'],
        ],
      },
    },
    serverToClient: {
      0x06: {
        name: 'Publish Snapshot',
        fields: [
          ['Snapshot Id', 'uint32'],
          ['Snapshot Time', 'utcTime'],
          ['Total Snapshots Found', 'uint8'],
          INDEX,
          TOTAL,
          ['Snapshot Cause', 'bitmap32'],
          ['Snapshot Payload Type', 'enum8'],
          ['Current Summation Delivered', 'uint48'],
          ['Number of Tiers in Use', 'uint8'],
          ['Tier 1 Summation Delivered', 'uint48'],
          ['Tier 2 Summation Delivered', 'uint48'],
          ['Tier 3 Summation Delivered', 'uint48'],
          ['Tier 4 Summation Delivered', 'uint48'],
          ['Number of Tiers and Block Thresholds in Use', 'bitmap8'],
          ['Block 1 Summation Delivered', 'uint48'],
          ['Block 2 Summation Delivered', 'uint48'],
          ['Block 3 Summation Delivered', 'uint48'],
          ['Block 4 Summation Delivered', 'uint48'],
        ],
      },
      0x07: {
        name: 'Get Sampled Data Response',
        fields: [
          ['Sample Id', 'uint16'],
          ['Sample Start Time', 'utcTime'],
          ['Sample Type', 'enum8'],
          ['Sample Request Interval', 'uint16'],
          ['Number of Samples', 'uint16'],
        ],
        records: { fields: [['Sample', 'uint24']], count: 'Number of Samples' },
      },
      0x0c: {
        name: 'Supply Status Response',
        fields: [PROVIDER, EVENT, ['Implementation Date Time', 'utcTime'], ['Supply Status', 'enum8']],
      },
      0x0d: { name: 'Start Sampling Response', fields: [['Sample Id', 'uint16']] },
    },
  },
  // Messaging cluster (ZSE D.5)
  0x0703: {
    serverToClient: {
      0x00: {
        name: 'Display Message',
        fields: [
          ['Message Id', 'uint32'],
          ['Message Control', 'bitmap8'],
          ['Start Time', 'utcTime'],
          ['Duration in Minutes', 'uint16'],
          ['Message', 'charString'],
        ],
        optional: [['Extended Message Control', 'bitmap8']],
      },
    },
  },
  // Prepayment cluster (ZSE D.7)
  0x0705: {
    clientToServer: {
      0x00: {
        name: 'Select Available Emergency Credit',
        fields: [
          ['Command Issue Date Time', 'utcTime'],
          ['Originating Device', 'enum8'],
        ],
      },
      0x02: {
        name: 'Change Debt',
        fields: [
          EVENT,
          ['Debt Label', 'octetString'],
          ['Debt Amount', 'int32'],
          ['Debt Recovery Method', 'enum8'],
          ['Debt Amount Type', 'enum8'],
          ['Debt Recovery Start Time', 'utcTime'],
          ['Debt Recovery Collection Time', 'uint16'],
          ['Debt Recovery Frequency', 'enum8'],
          ['Debt Recovery Amount', 'int32'],
          ['Debt Recovery Balance Percentage', 'uint16'],
        ],
      },
      0x03: {
        name: 'Emergency Credit Setup',
        fields: [
          EVENT,
          ['Start Time', 'utcTime'],
          ['Emergency Credit Limit', 'uint32'],
          ['Emergency Credit Threshold', 'uint32'],
        ],
      },
      0x04: {
        name: 'Consumer Top Up',
        fields: [
          ['Originating Device', 'enum8'],
          ['Top Up Code', 'octetString'],
        ],
      },
      0x05: {
        name: 'Credit Adjustment',
        fields: [
          EVENT,
          ['Start Time', 'utcTime'],
          ['Credit Adjustment Type', 'enum8'],
          ['Credit Adjustment Value', 'int32'],
        ],
      },
      0x06: {
        name: 'Change Payment Mode',
        fields: [
          PROVIDER,
          EVENT,
          ['Implementation Date Time', 'utcTime'],
          ['Proposed Payment Control Configuration', 'bitmap16'],
          ['Cut Off Value', 'int32'],
        ],
      },
      0x07: {
        name: 'Get Prepay Snapshot',
        fields: [
          ['Earliest Start Time', 'utcTime'],
          ['Latest End Time', 'utcTime'],
          ['Snapshot Offset', 'uint8'],
          ['Snapshot Cause', 'bitmap32'],
        ],
      },
      0x08: {
        name: 'Get Top Up Log',
        fields: [
          ['Latest End Time', 'utcTime'],
          ['Number of Records', 'uint8'],
        ],
      },
      0x09: { name: 'Set Low Credit Warning Level', fields: [['Low Credit Warning Level', 'uint32']] },
      0x0a: {
        name: 'Get Debt Repayment Log',
        fields: [
          ['Latest End Time', 'utcTime'],
          ['Number of Debts', 'uint8'],
          ['Debt Type', 'enum8'],
        ],
      },
      0x0b: {
        name: 'Set Maximum Credit Limit',
        fields: [
          PROVIDER,
          EVENT,
          ['Implementation Date Time', 'utcTime'],
          ['Maximum Credit Level', 'uint32'],
          ['Maximum Credit Per Top Up', 'uint32'],
        ],
      },
      0x0c: {
        name: 'Set Overall Debt Cap',
        fields: [PROVIDER, EVENT, ['Implementation Date Time', 'utcTime'], ['Overall Debt Cap', 'int32']],
      },
    },
    serverToClient: {
      0x01: {
        name: 'Publish Prepay Snapshot',
        fields: [
          ['Snapshot Id', 'uint32'],
          ['Snapshot Time', 'utcTime'],
          ['Total Snapshots Found', 'uint8'],
          INDEX,
          TOTAL,
          ['Snapshot Cause', 'bitmap32'],
          ['Snapshot Payload Type', 'enum8'],
          ['Accumulated Debt', 'int32'],
          ['Type 1 Debt Remaining', 'uint32'],
          ['Type 2 Debt Remaining', 'uint32'],
          ['Type 3 Debt Remaining', 'uint32'],
          ['Emergency Credit Remaining', 'uint32'],
          ['Credit Remaining', 'uint32'],
        ],
      },
      0x02: {
        name: 'Change Payment Mode Response',
        fields: [
          ['Friendly Credit', 'bitmap8'],
          ['Friendly Credit Calendar Id', 'uint32'],
          ['Emergency Credit Limit', 'uint32'],
          ['Emergency Credit Threshold', 'uint32'],
        ],
      },
      0x03: {
        name: 'Consumer Top Up Response',
        fields: [
          ['Result Type', 'enum8'],
          ['Top Up Value', 'int32'],
          ['Source of Top Up', 'enum8'],
          ['Credit Remaining', 'int32'],
        ],
      },
      0x05: {
        name: 'Publish Top Up Log',
        fields: [INDEX, TOTAL],
        records: {
          fields: [
            ['Top Up Code', 'octetString'],
            ['Top Up Amount', 'int32'],
            ['Top Up Time', 'utcTime'],
          ],
        },
      },
      0x06: {
        name: 'Publish Debt Log',
        fields: [INDEX, TOTAL],
        records: {
          fields: [
            ['Collection Time', 'utcTime'],
            ['Amount Collected', 'uint32'],
            ['Debt Type', 'enum8'],
            ['Outstanding Debt', 'uint32'],
          ],
        },
      },
    },
  },
  // Calendar cluster (ZSE D.9)
  0x0707: {
    clientToServer: {
      0x01: {
        name: 'Get Day Profiles',
        fields: [PROVIDER, CALENDAR, ['Start Day Id', 'uint8'], ['Number of Days', 'uint8']],
      },
      0x02: {
        name: 'Get Week Profiles',
        fields: [PROVIDER, CALENDAR, ['Start Week Id', 'uint8'], ['Number of Weeks', 'uint8']],
      },
      0x03: { name: 'Get Seasons', fields: [PROVIDER, CALENDAR] },
      0x04: {
        name: 'Get Special Days',
        fields: [
          ['Start Time', 'utcTime'],
          ['Number of Events', 'uint8'],
          ['Calendar Type', 'enum8'],
          PROVIDER,
          CALENDAR,
        ],
      },
    },
    serverToClient: {
      0x00: {
        name: 'Publish Calendar',
        fields: [
          PROVIDER,
          EVENT,
          CALENDAR,
          ['Start Time', 'utcTime'],
          ['Calendar Type', 'enum8'],
          ['Calendar Time Reference', 'uint8'],
          ['Calendar Name', 'octetString'],
          ['Number of Seasons', 'uint8'],
          ['Number of Week Profiles', 'uint8'],
          ['Number of Day Profiles', 'uint8'],
        ],
      },
      0x01: {
        name: 'Publish Day Profile',
        fields: [
          PROVIDER,
          EVENT,
          CALENDAR,
          ['Day Id', 'uint8'],
          ['Total Number of Schedule Entries', 'uint8'],
          INDEX,
          TOTAL,
          ['Calendar Type', 'enum8'],
        ],
        records: {
          // The second byte is the price tier for a delivered calendar (type 0), else friendly credit enable.
          fields: [
            ['Start Time (minutes after midnight)', 'uint16'],
            ['Price Tier / Friendly Credit Enable', 'uint8'],
          ],
          count: 'Total Number of Schedule Entries',
        },
      },
      0x02: {
        name: 'Publish Week Profile',
        fields: [
          PROVIDER,
          EVENT,
          CALENDAR,
          ['Week Id', 'uint8'],
          ['Day Id Ref Monday', 'uint8'],
          ['Day Id Ref Tuesday', 'uint8'],
          ['Day Id Ref Wednesday', 'uint8'],
          ['Day Id Ref Thursday', 'uint8'],
          ['Day Id Ref Friday', 'uint8'],
          ['Day Id Ref Saturday', 'uint8'],
          ['Day Id Ref Sunday', 'uint8'],
        ],
      },
      0x03: {
        name: 'Publish Seasons',
        fields: [PROVIDER, EVENT, CALENDAR, INDEX, TOTAL],
        records: {
          fields: [
            ['Season Start Date', 'date'],
            ['Week Id Ref', 'uint8'],
          ],
        },
      },
      0x04: {
        name: 'Publish Special Days',
        fields: [
          PROVIDER,
          EVENT,
          CALENDAR,
          ['Start Time', 'utcTime'],
          ['Calendar Type', 'enum8'],
          ['Total Number of Special Days', 'uint8'],
          INDEX,
          TOTAL,
        ],
        records: {
          fields: [
            ['Special Day Date', 'date'],
            ['Day Id Ref', 'uint8'],
          ],
          count: 'Total Number of Special Days',
        },
      },
    },
  },
  // Device Management cluster (ZSE D.10)
  0x0708: {
    clientToServer: {
      0x04: {
        name: 'Report Event Configuration',
        fields: [INDEX, TOTAL],
        records: {
          fields: [
            ['Event Id', 'uint16'],
            ['Event Configuration', 'bitmap8'],
          ],
        },
      },
    },
    serverToClient: {
      0x00: {
        name: 'Publish Change of Tenancy',
        fields: [
          PROVIDER,
          EVENT,
          ['Tariff Type', 'bitmap8'],
          ['Implementation Date Time', 'utcTime'],
          ['Proposed Tenancy Change Control', 'bitmap32'],
        ],
      },
      0x01: {
        name: 'Publish Change of Supplier',
        fields: [
          ['Current Provider Id', 'uint32'],
          EVENT,
          ['Tariff Type', 'bitmap8'],
          ['Proposed Provider Id', 'uint32'],
          ['Provider Change Implementation Time', 'utcTime'],
          ['Provider Change Control', 'bitmap32'],
          ['Proposed Provider Name', 'octetString'],
          ['Proposed Provider Contact Details', 'octetString'],
        ],
      },
      0x02: {
        name: 'Request New Password Response',
        fields: [
          EVENT,
          ['Implementation Date Time', 'utcTime'],
          ['Duration in Minutes', 'uint16'],
          ['Password Type', 'enum8'],
          ['Password', 'octetString'],
        ],
      },
      0x03: {
        name: 'Update Site Id',
        fields: [EVENT, ['Site Id Time', 'utcTime'], PROVIDER, ['Site Id', 'octetString']],
      },
      0x04: {
        // Only the "apply by list" configuration payload: the one the parser reads and RTDS uses.
        name: 'Set Event Configuration',
        fields: [
          EVENT,
          ['Start Date Time', 'utcTime'],
          ['Event Configuration', 'bitmap8'],
          ['Configuration Control', 'enum8'],
          ['Number of Events', 'uint8'],
        ],
        records: { fields: [['Event Id', 'uint16']], count: 'Number of Events' },
      },
      0x05: { name: 'Get Event Configuration', fields: [['Event Id', 'uint16']] },
      0x06: {
        name: 'Update CIN',
        fields: [EVENT, ['CIN Implementation Time', 'utcTime'], PROVIDER, ['Customer Id Number', 'octetString']],
      },
    },
  },
  // Events cluster (ZSE D.11)
  0x0709: {
    clientToServer: {
      0x00: {
        name: 'Get Event Log',
        fields: [
          ['Event Control / Log Id', 'bitmap8'],
          ['Event Id', 'uint16'],
          ['Start Time', 'utcTime'],
          ['End Time', 'utcTime'],
          ['Number of Events', 'uint8'],
          ['Event Offset', 'uint16'],
        ],
      },
      0x01: { name: 'Clear Event Log Request', fields: [['Log Id', 'bitmap8']] },
    },
    serverToClient: {
      0x01: {
        name: 'Publish Event Log',
        fields: [['Total Number of Events', 'uint16'], INDEX, TOTAL, ['Log Payload Control', 'bitmap8']],
        records: {
          fields: [
            ['Log Id', 'enum8'],
            ['Event Id', 'uint16'],
            ['Event Time', 'utcTime'],
            ['Event Data', 'octetString'],
          ],
        },
      },
      0x02: { name: 'Clear Event Log Response', fields: [['Cleared Event Logs', 'bitmap8']] },
    },
  },
} as const satisfies ClusterSchemas;

export function commandSchema(clusterId: number, direction: Direction, commandId: number): CommandSchema | undefined {
  return (CLUSTER_COMMANDS as ClusterSchemas)[clusterId]?.[direction]?.[commandId];
}
