import { attr, field, fields, issuerEventId, records, zclInt, zclRecords, zclText, zclTime } from './slots.js';
import type { TemplateDefinition } from './template-codec.js';
import { scaledValue, zclRows } from './log-and-alert-slots.js';
import { LOG_RANGE } from './defaults.js';

/**
 * The GBZ use cases (GSME) of the configuration SRs, each as its RTDS 4.5.0 folder shows it (see
 * dlms-use-cases.ts for the scheme). ZCL fields and attributes are named after their ZCL names
 * (`zcl/attributes.ts`, `zcl/cluster-commands.ts`) in camel case, so that 6.6's Publish Conversion
 * Factor and 6.2.8's read of the Conversion Factor attribute share `conversionFactor`. Issuer Event
 * Ids are the sender's clock (slots.ts `issuerEventId`) and never reach a body. 6.7's Set
 * Uncontrolled Flow Threshold fields take the names of the Metering attributes 6.2.8 reads.
 */
/**
 * 6.7's GCS24 and GCS24a differ only in their message code and the threshold their RTDS command
 * carries: the same fields, and the same Default Response.
 */
const UNCONTROLLED_FLOW = {
  commandSlots: [
    field(0, 0, 'providerId', zclInt),
    field(0, 1, 'issuerEventId', issuerEventId),
    field(0, 2, 'uncontrolledFlowThreshold', zclInt),
    field(0, 3, 'uncontrolledFlowThresholdUnitOfMeasure', zclInt),
    field(0, 4, 'uncontrolledFlowMultiplier', zclInt),
    field(0, 5, 'uncontrolledFlowDivisor', zclInt),
    field(0, 6, 'flowStabilisationPeriod', zclInt),
    field(0, 7, 'flowMeasurementPeriod', zclInt),
    field(1, 0, 'issuerEventId', issuerEventId),
    field(1, 1, 'supplyTamperState', zclInt),
    field(1, 2, 'supplyDepletionState', zclInt),
    field(1, 3, 'supplyUncontrolledFlowState', zclInt),
    field(1, 4, 'loadLimitSupplyState', zclInt),
  ],
  response: '010902000702000508000B0E00010702000508010B0D00',
  responseSlots: [],
} as const satisfies Pick<TemplateDefinition, 'commandSlots' | 'response' | 'responseSlots'>;

export const GBZ_CONFIGURATION: readonly TemplateDefinition[] = [
  // 6.13_CS10a: the RTDS CS10a_6.13_SUCCESS_COMMAND and CS10a_6.13_SUCCESS_RESPONSE payloads
  {
    useCase: 'CS10a',
    messageCode: 0x0014,
    variant: '6.13',
    device: 'GSME',
    command: '010901010709001101000013000000F9351C00956E38000000',
    commandSlots: [
      field(0, 0, 'eventControlLogId', zclInt),
      field(0, 1, 'eventId', zclInt),
      field(0, 2, 'from', zclTime),
      field(0, 3, 'to', zclTime),
      field(0, 4, 'numberOfEvents', zclInt),
      field(0, 5, 'eventOffset', zclInt),
    ],
    response:
      '01090101070901101900012000000100031F8F00F9351C000345812101361C00035481D109361C02009B0355813216361C020090036181EA1E361C0200020362811229361C02000503668F5F33361C0003678F4A3C361C00038381DA45361C000384819B53361C0003A181F55F361C0003A4817969361C0003A5818E76361C0003A6818882361C0003A7811B90361C0003A8818E9A361C0003A9814EA7361C0003AA81E9B2361C0003AB814DBD361C0003AC81D5C9361C0003AD819ED4361C0003AE816BE0361C0003AF8102E9361C0003B0813AF4361C0003B181EDFE361C0003B2811C07371C0003B381F413371C0003B4812C1D371C0003B581C428371C0003B681A335371C0003B9815640371C0003BA813548371C00',
    responseSlots: [
      field(0, 0, 'totalNumberOfEvents', zclInt),
      field(0, 1, 'commandIndex', zclInt),
      field(0, 2, 'totalNumberOfCommands', zclInt),
      field(0, 3, 'logPayloadControl', zclInt),
      records(0, 'events', zclRows(['logId', 'code', 'at', 'data'])),
    ],
    defaults: LOG_RANGE,
    emptyAs: { field: 'events', status: 0x8b },
  },
  // 6.13_CS10b: the RTDS CS10b_6.13_SUCCESS_COMMAND and CS10b_6.13_SUCCESS_RESPONSE payloads
  {
    useCase: 'CS10b',
    messageCode: 0x00a1,
    variant: '6.13',
    device: 'GSME',
    command: '010901010709001101000004000000F9351C804A371C000000',
    commandSlots: [
      field(0, 0, 'eventControlLogId', zclInt),
      field(0, 1, 'eventId', zclInt),
      field(0, 2, 'from', zclTime),
      field(0, 3, 'to', zclTime),
      field(0, 4, 'numberOfEvents', zclInt),
      field(0, 5, 'eventOffset', zclInt),
    ],
    response:
      '01090101070901081900012000000100040C8F00F9351C00041C8F2101361C00041E8FD109361C00043E8F3216361C00043F8FEA1E361C0004438F1229361C0004478F5F33361C0004488F4A3C361C0004498FDA45361C00044A8F9B53361C00044B8FF55F361C00044C8F7969361C00044D8F8E76361C00044E8F8882361C00044F8F1B90361C0004518F8E9A361C0004528F4EA7361C0004538FE9B2361C00045B8F4DBD361C0004608FD5C9361C0004638F9ED4361C0004648F6BE0361C0004708F02E9361C0004728F3AF4361C0004738FEDFE361C0004748F1C07371C0004788FF413371C0004828F2C1D371C00041B8FC428371C00040C8FA335371C00041C8F5640371C00041E8F3548371C00',
    responseSlots: [
      field(0, 0, 'totalNumberOfEvents', zclInt),
      field(0, 1, 'commandIndex', zclInt),
      field(0, 2, 'totalNumberOfCommands', zclInt),
      field(0, 3, 'logPayloadControl', zclInt),
      records(0, 'events', zclRows(['logId', 'code', 'at', 'data'])),
    ],
    defaults: LOG_RANGE,
    emptyAs: { field: 'events', status: 0x8b },
  },
  // 6.2.10_GCS20r: the RTDS GCS20r_6.2.10_SUCCESS_COMMAND and GCS20r_6.2.10_SUCCESS_RESPONSE payloads
  {
    useCase: 'GCS20r',
    messageCode: 0x00f1,
    variant: '6.2.10',
    device: 'GSME',
    command: '0109010107080005090005FF81',
    commandSlots: [field(0, 0, 'eventId', zclInt)],
    response:
      '010901010708008901000400010D81180E810819811845810354810355810361810362810368811083810B84810BA1810BA4810BA5810BA6810BA7810BA8810BA9810BAA811BAB811BAC810BAD810BAE810BAF810BB0810BB1810BB2810BB3810BB4810BB5810BB6810BB9810BBA810BBC810BBD810BBE810BBF810BC0810BC2810BC3810BC4811BC5810BA0810BC68103',
    responseSlots: [
      field(0, 0, 'commandIndex', zclInt),
      field(0, 1, 'totalNumberOfCommands', zclInt),
      records(0, 'records', zclRecords),
    ],
  },
  // 6.2.3_GCS21d: the RTDS GCS21d_6.2.3_SUCCESS_COMMAND and GCS21d_6.2.3_SUCCESS_RESPONSE payloads
  {
    useCase: 'GCS21d',
    messageCode: 0x009d,
    variant: '6.2.3',
    device: 'GSME',
    command: '010901010700000D01000B00000000FFFFFFFF0100',
    commandSlots: [
      field(0, 0, 'earliestStartTime', zclTime),
      field(0, 1, 'minIssuerEventId', zclInt),
      field(0, 2, 'numberOfCommands', zclInt),
      field(0, 3, 'tariffType', zclInt),
    ],
    response: '010901010700001409000900000000804A371C0017561A0100002200',
    responseSlots: [
      field(0, 0, 'providerId', zclInt),
      field(0, 1, 'issuerEventId', issuerEventId),
      field(0, 2, 'billingPeriodStartTime', zclTime),
      field(0, 3, 'billingPeriodDuration', zclInt),
      field(0, 4, 'billingPeriodDurationType', zclInt),
      field(0, 5, 'tariffType', zclInt),
    ],
  },
  // 6.2.3_GCS21k: the RTDS GCS21k_6.2.3_SUCCESS_COMMAND and GCS21k_6.2.3_SUCCESS_RESPONSE payloads
  {
    useCase: 'GCS21k',
    messageCode: 0x00da,
    variant: '6.2.3',
    device: 'GSME',
    command: '010901010700000D01000B00000000FFFFFFFF0100',
    commandSlots: [
      field(0, 0, 'earliestStartTime', zclTime),
      field(0, 1, 'minIssuerEventId', zclInt),
      field(0, 2, 'numberOfCommands', zclInt),
      field(0, 3, 'tariffType', zclInt),
    ],
    response: '010901010700001409000900000000804A371C0017561A0600002300',
    responseSlots: [
      field(0, 0, 'providerId', zclInt),
      field(0, 1, 'issuerEventId', issuerEventId),
      field(0, 2, 'billingPeriodStartTime', zclTime),
      field(0, 3, 'billingPeriodDuration', zclInt),
      field(0, 4, 'billingPeriodDurationType', zclInt),
      field(0, 5, 'tariffType', zclInt),
    ],
  },
  // 6.2.4_GCS21e: the RTDS GCS21e_6.2.4_SUCCESS_COMMAND and GCS21e_6.2.4_SUCCESS_RESPONSE payloads
  {
    useCase: 'GCS21e',
    messageCode: 0x009e,
    variant: '6.2.4',
    device: 'GSME',
    command: '0109020000000009000000040005000300010702000700010008060706',
    commandSlots: [],
    response:
      '01090200000000330800010400004211437269746963616C20536F6674776172650500004210474649202020202000DB1234567890A10300002001010702000D08010108060030030706003003',
    responseSlots: [
      attr(0, 0, 'manufacturerName', zclText),
      attr(0, 1, 'modelIdentifier', zclText),
      attr(0, 2, 'hWVersion', zclInt),
      attr(1, 0, 'supplyDepletionState', zclInt),
      attr(1, 1, 'supplyTamperState', zclInt),
    ],
  },
  // 6.2.4_GCS21m: the RTDS GCS21m_6.2.4_SUCCESS_COMMAND and GCS21m_6.2.4_SUCCESS_RESPONSE payloads
  {
    useCase: 'GCS21m',
    messageCode: 0x00fb,
    variant: '6.2.4',
    device: 'GSME',
    command: '010902000000000700000004000500010702000700010008060706',
    commandSlots: [],
    response: '010902000000001908000104000042043132333405000042083132333435363738010702000D08010108060030030706003003',
    responseSlots: [
      attr(0, 0, 'manufacturerName', zclText),
      attr(0, 1, 'modelIdentifier', zclText),
      attr(1, 0, 'supplyDepletionState', zclInt),
      attr(1, 1, 'supplyTamperState', zclInt),
    ],
  },
  // 6.2.7_GCS46: the RTDS GCS46_6.2.7_SUCCESS_COMMAND and GCS46_6.2.7_SUCCESS_RESPONSE payloads
  {
    useCase: 'GCS46',
    messageCode: 0x0089,
    variant: '6.2.7',
    device: 'GSME',
    command: '01090101070200050000000703',
    commandSlots: [],
    response: '0109010107020012080001070300410A31303030393939383838',
    responseSlots: [attr(0, 0, 'mprn', zclText)],
  },
  // 6.2.8_GCS21a: the RTDS GCS21a_6.2.8_SUCCESS_COMMAND and GCS21a_6.2.8_SUCCESS_RESPONSE payloads
  {
    useCase: 'GCS21a',
    messageCode: 0x007b,
    variant: '6.2.8',
    device: 'GSME',
    command: '010902000700000D00000006030503040303030203010702000F000100130B120B110B100B140B150B',
    commandSlots: [],
    response:
      '0109020007000022080001060300180005030030010403002337020000030300180102030023240000000107020025080101130B00210100120B00210100110B003001100B0021C800140B00200A150B0021100E',
    responseSlots: [
      attr(0, 0, 'calorificValueTrailingDigit', zclInt),
      attr(0, 1, 'calorificValueUnit', zclInt),
      attr(0, 2, 'calorificValue', zclInt),
      attr(0, 3, 'conversionFactorTrailingDigit', zclInt),
      attr(0, 4, 'conversionFactor', zclInt),
      attr(1, 0, 'uncontrolledFlowDivisor', zclInt),
      attr(1, 1, 'uncontrolledFlowMultiplier', zclInt),
      attr(1, 2, 'uncontrolledFlowThresholdUnitOfMeasure', zclInt),
      attr(1, 3, 'uncontrolledFlowThreshold', zclInt),
      attr(1, 4, 'flowStabilisationPeriod', zclInt),
      attr(1, 5, 'flowMeasurementPeriod', zclInt),
    ],
  },
  // 6.2.9_GCS21j: the RTDS GCS21j_6.2.9_SUCCESS_COMMAND and GCS21j_6.2.9_SUCCESS_RESPONSE payloads
  {
    useCase: 'GCS21j',
    messageCode: 0x00bf,
    variant: '6.2.9',
    device: 'GSME',
    command: '01090101070500050000000000',
    commandSlots: [],
    response: '010901010705000908000100000019970C',
    responseSlots: [attr(0, 0, 'paymentControlConfiguration', zclInt)],
  },
  // 6.20.1_GCS41: the RTDS GCS41_6.20.1_SUCCESS_COMMAND and GCS41_6.20.1_SUCCESS_RESPONSE payloads
  {
    useCase: 'GCS41',
    messageCode: 0x0087,
    variant: '6.20.1',
    device: 'GSME',
    command: '010901010708001A090003804A371C00000000000000000A31323334353637383930',
    commandSlots: [
      field(0, 0, 'issuerEventId', issuerEventId),
      field(0, 1, 'siteIdTime', zclTime),
      field(0, 2, 'providerId', zclInt),
      field(0, 3, 'mpxn', zclText),
    ],
    response: '010901010708000500000B0300',
    responseSlots: [],
    required: ['mpxn'],
  },
  // 6.22_GCS20: the RTDS GCS20_6.22_SUCCESS_COMMAND and GCS20_6.22_SUCCESS_RESPONSE payloads
  {
    useCase: 'GCS20',
    messageCode: 0x00ad,
    variant: '6.22',
    device: 'GSME',
    command:
      '0109040007080014090004804A371C000000005B0003AA81AB81C4810007080010090104804A371C000000000800010E810007080016090204804A371C000000004B0004BD81BE81BF81C0810107080014090304804A371C0000000043000361816281C681',
    commandSlots: [
      field(0, 0, 'issuerEventId', issuerEventId),
      field(0, 1, 'startDateTime', zclTime),
      field(0, 2, 'eventConfiguration', zclInt),
      field(0, 3, 'configurationControl', zclInt),
      field(0, 4, 'numberOfEvents', zclInt),
      records(0, 'records', zclRecords),
      field(1, 0, 'issuerEventId', issuerEventId),
      field(1, 1, 'startDateTime1', zclTime),
      field(1, 2, 'eventConfiguration1', zclInt),
      field(1, 3, 'configurationControl1', zclInt),
      field(1, 4, 'numberOfEvents1', zclInt),
      records(1, 'records1', zclRecords),
      field(2, 0, 'issuerEventId', issuerEventId),
      field(2, 1, 'startDateTime2', zclTime),
      field(2, 2, 'eventConfiguration2', zclInt),
      field(2, 3, 'configurationControl2', zclInt),
      field(2, 4, 'numberOfEvents2', zclInt),
      records(2, 'records2', zclRecords),
      field(3, 0, 'issuerEventId', issuerEventId),
      field(3, 1, 'startDateTime3', zclTime),
      field(3, 2, 'eventConfiguration3', zclInt),
      field(3, 3, 'configurationControl3', zclInt),
      field(3, 4, 'numberOfEvents3', zclInt),
      records(3, 'records3', zclRecords),
    ],
    response: '010904000708000500000B0400000708000500010B0400000708000500020B0400010708000500030B0400',
    responseSlots: [],
  },
  // 6.6_GCS23: the RTDS GCS23_6.6_SUCCESS_COMMAND and GCS23_6.6_SUCCESS_RESPONSE payloads
  {
    useCase: 'GCS23',
    messageCode: 0x007c,
    variant: '6.6',
    device: 'GSME',
    command: '0109020007000010090002804A371C00000000788F0100500107000011090103804A371C00000000900100000110',
    commandSlots: [fields(0, 'conversionFactor', scaledValue(2, 3)), fields(1, 'calorificValue', scaledValue(2, 4))],
    response: '010902000700000500000B0200010700000500010B0300',
    responseSlots: [],
  },
  // 6.7_GCS24: the RTDS GCS24_6.7_SUCCESS_COMMAND and GCS24_6.7_SUCCESS_RESPONSE payloads
  {
    useCase: 'GCS24',
    messageCode: 0x007d,
    variant: '6.7',
    device: 'GSME',
    command: '010902000702001501000E00000000804A371CF0F001010001003C2C01010702000B01010D804A371C03030003',
    ...UNCONTROLLED_FLOW,
  },
  // 6.7_GCS24a: the RTDS GCS24a_6.7_SUCCESS_COMMAND and GCS24a_6.7_SUCCESS_RESPONSE payloads
  {
    useCase: 'GCS24a',
    messageCode: 0x00fc,
    variant: '6.7',
    device: 'GSME',
    command: '010902000702001501000E00000000804A371CF0F001010010273C2C01010702000B01010D804A371C03030003',
    ...UNCONTROLLED_FLOW,
  },
  // 6.8_GCS25: the RTDS GCS25_6.8_SUCCESS_COMMAND and GCS25_6.8_SUCCESS_RESPONSE payloads
  {
    useCase: 'GCS25',
    messageCode: 0x007e,
    variant: '6.8',
    device: 'GSME',
    command:
      '010902000700001409000900000000804A371C0029601C0100002300010700001609010100000000804A371C0029601C01000002230001',
    commandSlots: [
      field(0, 0, 'providerId', zclInt),
      field(0, 1, 'issuerEventId', issuerEventId),
      field(0, 2, 'billingPeriodStartTime', zclTime),
      field(0, 3, 'billingPeriodDuration', zclInt),
      field(0, 4, 'billingPeriodDurationType', zclInt),
      field(0, 5, 'tariffType', zclInt),
      field(1, 0, 'providerId1', zclInt),
      field(1, 1, 'issuerEventId', issuerEventId),
      field(1, 2, 'blockPeriodStartTime', zclTime),
      field(1, 3, 'blockPeriodDuration', zclInt),
      field(1, 4, 'blockPeriodControl', zclInt),
      field(1, 5, 'blockPeriodDurationType', zclInt),
      field(1, 6, 'tariffType1', zclInt),
      field(1, 7, 'tariffResolutionPeriod', zclInt),
    ],
    response: '010902000700000500000B0900010700000500010B0100',
    responseSlots: [],
  },
  // 6.8_GCS25a: the RTDS GCS25a_6.8_SUCCESS_COMMAND and GCS25a_6.8_SUCCESS_RESPONSE payloads
  {
    useCase: 'GCS25a',
    messageCode: 0x00d8,
    variant: '6.8',
    device: 'GSME',
    command:
      '010902000700001409000900000000804A371C804A371C0600002300010700001609010100000000804A371C804A371C06000002230001',
    commandSlots: [
      field(0, 0, 'providerId', zclInt),
      field(0, 1, 'issuerEventId', issuerEventId),
      field(0, 2, 'billingPeriodStartTime', zclTime),
      field(0, 3, 'billingPeriodDuration', zclInt),
      field(0, 4, 'billingPeriodDurationType', zclInt),
      field(0, 5, 'tariffType', zclInt),
      field(1, 0, 'providerId1', zclInt),
      field(1, 1, 'issuerEventId', issuerEventId),
      field(1, 2, 'blockPeriodStartTime', zclTime),
      field(1, 3, 'blockPeriodDuration', zclInt),
      field(1, 4, 'blockPeriodControl', zclInt),
      field(1, 5, 'blockPeriodDurationType', zclInt),
      field(1, 6, 'tariffType1', zclInt),
      field(1, 7, 'tariffResolutionPeriod', zclInt),
    ],
    response: '010902000700000500000B0900010700000500010B0100',
    responseSlots: [],
  },
];
