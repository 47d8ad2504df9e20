/**
 * RTDS 4.5.0 payloads (the General-Signing content only, GBCS-FACTS §4) of the 1.x/2.x/3.x/9.x/14.x
 * use cases, copied in as hex so that `npm test` needs no ../shared. Each line above a vector names
 * the RTDS file and what the payload is. DLMS invoke-ids are the RTDS counters' (§14.9).
 */
import { PAYMENT_MODE_RTDS } from './payment-mode-vectors.js';

function hex(...parts: string[]): Uint8Array {
  return Uint8Array.from(Buffer.from(parts.join(''), 'hex'));
}

export interface RtdsVectors {
  readonly successCommand: Uint8Array;
  readonly successResponse: Uint8Array;
  readonly errorCommand?: Uint8Array;
  readonly errorResponse?: Uint8Array;
}

export const RTDS: Readonly<Record<string, RtdsVectors>> = {
  ...PAYMENT_MODE_RTDS,
  CS01a: {
    // CS01a_2.2_ERROR_COMMAND_GBCS.HEX: access-request: action 115/0-0:19.40.0.255/m1
    errorCommand: hex('D92000000000010300730000132800FF01010914373339343839353930363139', '3732383333333133'),
    // CS01a_2.2_ERROR_RESPONSE_GBCS.HEX: access-response: results 1
    errorResponse: hex('DA2000000000000100010301'),
    // CS01a_2.2_SUCCESS_COMMAND_GBCS.HEX: access-request: action 115/0-0:19.40.0.255/m1
    successCommand: hex('D92000000000010300730000132800FF01010914373339343631343433333230', '3430323137333135'),
    // CS01a_2.2_SUCCESS_RESPONSE_GBCS.HEX: access-response: results 0
    successResponse: hex('DA2000000000000100010300'),
  },
  CS01b: {
    // CS01b_2.2_ERROR_COMMAND_GBCS.HEX: GBZ: cluster 0x0705 Consumer Top Up
    errorCommand: hex('0109010107050019010004001431323334353637383931303132313331343135', '36'),
    // CS01b_2.2_ERROR_RESPONSE_GBCS.HEX: GBZ: cluster 0x0705 Consumer Top Up Response
    errorResponse: hex('010901010705000D09000301FFFFFFFF00FFFFFFFF'),
    // CS01b_2.2_SUCCESS_COMMAND_GBCS.HEX: GBZ: cluster 0x0705 Consumer Top Up
    successCommand: hex('0109010107050019010004001437333935303036373838373130353137383630', '35'),
    // CS01b_2.2_SUCCESS_RESPONSE_GBCS.HEX: GBZ: cluster 0x0705 Consumer Top Up Response
    successResponse: hex('010901010705000D09000300D012130000C0AA7F01'),
  },
  ECS04a: {
    // ECS04a_1.5_ERROR_COMMAND_GBCS.HEX: access-request: action 112/0-0:19.10.0.255/m1
    errorCommand: hex('D9200003EC00010300700000130A00FF01010500124F80'),
    // ECS04a_1.5_ERROR_RESPONSE_GBCS.HEX: access-response: results 1
    errorResponse: hex('DA200003EC00000100010301'),
    // ECS04a_1.5_SUCCESS_COMMAND_GBCS.HEX: access-request: action 112/0-0:19.10.0.255/m1
    successCommand: hex('D9200003EB00010300700000130A00FF01010500124F80'),
    // ECS04a_1.5_SUCCESS_RESPONSE_GBCS.HEX: access-response: results 0
    successResponse: hex('DA200003EB00000100010300'),
  },
  ECS04b: {
    // ECS04b_1.5_ERROR_COMMAND_GBCS.HEX: access-request: action 112/0-0:19.10.0.255/m2, action 112/0-0:19.10.1.255/m2, action 112/0-0:19.10.2.255/m2
    errorCommand: hex(
      'D9200003E900030300700000130A00FF020300700000130A01FF020300700000',
      '130A02FF0203050000000005000000000500000000',
    ),
    // ECS04b_1.5_ERROR_RESPONSE_GBCS.HEX: access-response: results 0, 1, 250
    errorResponse: hex('DA200003E9000003000000030300030103FA'),
    // ECS04b_1.5_SUCCESS_COMMAND_GBCS.HEX: access-request: action 112/0-0:19.10.0.255/m2, action 112/0-0:19.10.1.255/m2, action 112/0-0:19.10.2.255/m2
    successCommand: hex(
      'D9200003E800030300700000130A00FF020300700000130A01FF020300700000',
      '130A02FF0203050000000005000000000500000000',
    ),
    // ECS04b_1.5_SUCCESS_RESPONSE_GBCS.HEX: access-response: results 0, 0, 0
    successResponse: hex('DA200003E800000300000003030003000300'),
  },
  GCS40a: {
    // GCS40a_1.5_ERROR_COMMAND_GBCS.HEX: GBZ: cluster 0x0705 Credit Adjustment
    errorCommand: hex('0109010107050010010005804A371C00000000005A5A0000'),
    // GCS40a_1.5_ERROR_RESPONSE_GBCS.HEX: GBZ: cluster 0x0705 Default Response status 0xc0
    errorResponse: hex('010901010705000508000B05C0'),
    // GCS40a_1.5_SUCCESS_COMMAND_GBCS.HEX: GBZ: cluster 0x0705 Credit Adjustment
    successCommand: hex('0109010107050010010005804A371C00000000005A5A0000'),
    // GCS40a_1.5_SUCCESS_RESPONSE_GBCS.HEX: GBZ: cluster 0x0705 Default Response status 0x0
    successResponse: hex('010901010705000508000B0500'),
  },
  GCS40b: {
    // GCS40b_1.5_ERROR_COMMAND_GBCS.HEX: GBZ: cluster 0x0705 Credit Adjustment
    errorCommand: hex('0109010107050010010005804A371C000000000100000000'),
    // GCS40b_1.5_ERROR_RESPONSE_GBCS.HEX: GBZ: cluster 0x0705 Default Response status 0xc0
    errorResponse: hex('010901010705000508000B05C0'),
    // GCS40b_1.5_SUCCESS_COMMAND_GBCS.HEX: GBZ: cluster 0x0705 Credit Adjustment
    successCommand: hex('0109010107050010010005804A371C000000000100000000'),
    // GCS40b_1.5_SUCCESS_RESPONSE_GBCS.HEX: GBZ: cluster 0x0705 Default Response status 0x0
    successResponse: hex('010901010705000508000B0500'),
  },
  GCS40c: {
    // GCS40c_1.5_ERROR_COMMAND_GBCS.HEX: GBZ: cluster 0x0705 Credit Adjustment
    errorCommand: hex('0109010107050010010005804A371C0000000003404B4C00'),
    // GCS40c_1.5_ERROR_RESPONSE_GBCS.HEX: GBZ: cluster 0x0705 Default Response status 0xc0
    errorResponse: hex('010901010705000508000B05C0'),
    // GCS40c_1.5_SUCCESS_COMMAND_GBCS.HEX: GBZ: cluster 0x0705 Credit Adjustment
    successCommand: hex('0109010107050010010005804A371C0000000003404B4C00'),
    // GCS40c_1.5_SUCCESS_RESPONSE_GBCS.HEX: GBZ: cluster 0x0705 Default Response status 0x0
    successResponse: hex('010901010705000508000B0500'),
  },
  GCS40d: {
    // GCS40d_1.5_ERROR_COMMAND_GBCS.HEX: GBZ: cluster 0x0705 Credit Adjustment
    errorCommand: hex('0109010107050010010005804A371C000000000200000000'),
    // GCS40d_1.5_ERROR_RESPONSE_GBCS.HEX: GBZ: cluster 0x0705 Default Response status 0xc0
    errorResponse: hex('010901010705000508000B05C0'),
    // GCS40d_1.5_SUCCESS_COMMAND_GBCS.HEX: GBZ: cluster 0x0705 Credit Adjustment
    successCommand: hex('0109010107050010010005804A371C000000000200000000'),
    // GCS40d_1.5_SUCCESS_RESPONSE_GBCS.HEX: GBZ: cluster 0x0705 Default Response status 0x0
    successResponse: hex('010901010705000508000B0500'),
  },
  ECS05: {
    // ECS05_1.7_ERROR_COMMAND_GBCS.HEX: access-request: action 9/0-0:10.0.100.255/m1
    errorCommand: hex('D9200003E9000103000900000A0064FF0101120063'),
    // ECS05_1.7_ERROR_RESPONSE_GBCS.HEX: access-response: results 1
    errorResponse: hex('DA200003E900000100010301'),
    // ECS05_1.7_SUCCESS_COMMAND_GBCS.HEX: access-request: action 9/0-0:10.0.100.255/m1
    successCommand: hex('D9200003E8000103000900000A0064FF0101120063'),
    // ECS05_1.7_SUCCESS_RESPONSE_GBCS.HEX: access-response: results 0
    successResponse: hex('DA200003E800000100010300'),
  },
  ECS09: {
    // ECS09_2.5_ERROR_COMMAND_GBCS.HEX: access-request: action 112/0-0:19.10.1.255/m3
    errorCommand: hex('D9200003E900010300700000130A01FF03010F00'),
    // ECS09_2.5_ERROR_RESPONSE_GBCS.HEX: access-response: results 1
    errorResponse: hex('DA200003E900000100010301'),
    // ECS09_2.5_SUCCESS_COMMAND_GBCS.HEX: access-request: action 112/0-0:19.10.1.255/m3
    successCommand: hex('D9200003E800010300700000130A01FF03010F00'),
    // ECS09_2.5_SUCCESS_RESPONSE_GBCS.HEX: access-response: results 0
    successResponse: hex('DA200003E800000100010300'),
  },
  GCS06: {
    // GCS06_2.5_ERROR_COMMAND_GBCS.HEX: GBZ: cluster 0x0705 Select Available Emergency Credit
    errorCommand: hex('01090101070500080100000000000000'),
    // GCS06_2.5_ERROR_RESPONSE_GBCS.HEX: GBZ: cluster 0x0705 Default Response status 0xc0
    errorResponse: hex('010901010705000508000B00C0'),
    // GCS06_2.5_SUCCESS_COMMAND_GBCS.HEX: GBZ: cluster 0x0705 Select Available Emergency Credit
    successCommand: hex('01090101070500080100000000000000'),
    // GCS06_2.5_SUCCESS_RESPONSE_GBCS.HEX: GBZ: cluster 0x0705 Default Response status 0x0
    successResponse: hex('010901010705000508000B0000'),
  },
  ECS10: {
    // ECS10_3.1_ERROR_COMMAND_GBCS.HEX: access-request: set 1/0-2:96.13.1.255/2
    errorCommand: hex('D9200003EC00010200010002600D01FF020109055265736574'),
    // ECS10_3.1_ERROR_RESPONSE_GBCS.HEX: access-response: results 1
    errorResponse: hex('DA200003EC00000100010201'),
    // ECS10_3.1_SUCCESS_COMMAND_GBCS.HEX: access-request: set 1/0-2:96.13.1.255/2
    successCommand: hex('D9200003EB00010200010002600D01FF020109055265736574'),
    // ECS10_3.1_SUCCESS_RESPONSE_GBCS.HEX: access-response: results 0
    successResponse: hex('DA200003EB00000100010200'),
  },
  GCS07: {
    // GCS07_3.1_ERROR_COMMAND_GBCS.HEX: GBZ: cluster 0x0703 Display Message
    errorCommand: hex('0109010107030014090000804A371C0000000000FFFF055265736574'),
    // GCS07_3.1_ERROR_RESPONSE_GBCS.HEX: GBZ: cluster 0x0703 Default Response status 0xc0
    errorResponse: hex('010901010703000500000B00C0'),
    // GCS07_3.1_SUCCESS_COMMAND_GBCS.HEX: GBZ: cluster 0x0703 Display Message
    successCommand: hex('0109010107030014090000804A371C0000000000FFFF055265736574'),
    // GCS07_3.1_SUCCESS_RESPONSE_GBCS.HEX: GBZ: cluster 0x0703 Default Response status 0x0
    successResponse: hex('010901010703000500000B0000'),
  },
  ECS12: {
    // ECS12_3.2_ERROR_COMMAND_GBCS.HEX: access-request: set 1/0-0:94.44.3.2/2
    errorCommand: hex('D9200003EA000102000100005E2C03020201090C07DE031BFF0F2D20008000FF'),
    // ECS12_3.2_ERROR_RESPONSE_GBCS.HEX: access-response: results 1
    errorResponse: hex('DA200003EA00000100010201'),
    // ECS12_3.2_SUCCESS_COMMAND_GBCS.HEX: access-request: set 1/0-0:94.44.3.2/2
    successCommand: hex('D9200003E8000102000100005E2C03020201090C07DE031BFF0F2D20008000FF'),
    // ECS12_3.2_SUCCESS_RESPONSE_GBCS.HEX: access-response: results 0
    successResponse: hex('DA200003E800000100010200'),
  },
  GCS09: {
    // GCS09_3.2_SUCCESS_COMMAND_GBCS.HEX: GBZ: cluster 0x0708 Publish Change of Tenancy
    successCommand: hex('010901010708001409000000000000804A371C00206EC61F00020000'),
    // GCS09_3.2_SUCCESS_RESPONSE_GBCS.HEX: GBZ: cluster 0x0708 Default Response status 0x0
    successResponse: hex('010901010708000500000B0000'),
  },
  ECS15a: {
    // ECS15a_3.3_ERROR_COMMAND_GBCS.HEX: access-request: action 7/0-0:99.98.0.255/m1
    errorCommand: hex('D9200003E900010300070000636200FF01010F00'),
    // ECS15a_3.3_ERROR_RESPONSE_GBCS.HEX: access-response: results 1
    errorResponse: hex('DA200003E900000100010301'),
    // ECS15a_3.3_SUCCESS_COMMAND_GBCS.HEX: access-request: action 7/0-0:99.98.0.255/m1
    successCommand: hex('D9200003E800010300070000636200FF01010F00'),
    // ECS15a_3.3_SUCCESS_RESPONSE_GBCS.HEX: access-response: results 0
    successResponse: hex('DA200003E800000100010300'),
  },
  ECS15c: {
    // ECS15c_3.3_ERROR_COMMAND_GBCS.HEX: access-request: action 7/0-17:99.98.2.255/m1
    errorCommand: hex('D9200003E900010300070011636202FF01010F00'),
    // ECS15c_3.3_ERROR_RESPONSE_GBCS.HEX: access-response: results 1
    errorResponse: hex('DA200003E900000100010301'),
    // ECS15c_3.3_SUCCESS_COMMAND_GBCS.HEX: access-request: action 7/0-17:99.98.2.255/m1
    successCommand: hex('D9200003E800010300070011636202FF01010F00'),
    // ECS15c_3.3_SUCCESS_RESPONSE_GBCS.HEX: access-response: results 0
    successResponse: hex('DA200003E800000100010300'),
  },
  CS11: {
    // CS11_3.3_ERROR_COMMAND_GBCS.HEX: GBZ: cluster 0x0709 Clear Event Log Request
    errorCommand: hex('010901010709000401000103'),
    // CS11_3.3_ERROR_RESPONSE_GBCS.HEX: GBZ: cluster 0x0709 Clear Event Log Response
    errorResponse: hex('010901010709000409000200'),
    // CS11_3.3_SUCCESS_COMMAND_GBCS.HEX: GBZ: cluster 0x0709 Clear Event Log Request
    successCommand: hex('010901010709000401000103'),
    // CS11_3.3_SUCCESS_RESPONSE_GBCS.HEX: GBZ: cluster 0x0709 Clear Event Log Response
    successResponse: hex('010901010709000409000208'),
  },
  ECS16: {
    // ECS16_3.4_ERROR_COMMAND_GBCS.HEX: access-request: set 9000/0-0:96.13.0.255/2, set 9000/0-0:96.13.1.255/2
    errorCommand: hex(
      'D9200003EB00020223280000600D00FF020223280000600D01FF0202090D3033',
      '33332032303220343635300904452D4F4E',
    ),
    // ECS16_3.4_ERROR_RESPONSE_GBCS.HEX: access-response: results 1, 250
    errorResponse: hex('DA200003EB000002000002020102FA'),
    // ECS16_3.4_SUCCESS_COMMAND_GBCS.HEX: access-request: set 9000/0-0:96.13.0.255/2, set 9000/0-0:96.13.1.255/2
    successCommand: hex(
      'D9200003E900020223280000600D00FF020223280000600D01FF0202090D3033',
      '33332032303220343635300904452D4F4E',
    ),
    // ECS16_3.4_SUCCESS_RESPONSE_GBCS.HEX: access-response: results 0, 0
    successResponse: hex('DA200003E900000200000202000200'),
  },
  GCS44: {
    // GCS44_3.4_ERROR_COMMAND_GBCS.HEX: GBZ: cluster 0x0708 Publish Change of Supplier
    errorCommand: hex(
      '010901010708002B09000100000000804A371C00000000000000000000180000',
      '04452D4F4E0D30333333203230322034363530',
    ),
    // GCS44_3.4_ERROR_RESPONSE_GBCS.HEX: GBZ: cluster 0x0708 Default Response status 0xc0
    errorResponse: hex('010901010708000500000B01C0'),
    // GCS44_3.4_SUCCESS_COMMAND_GBCS.HEX: GBZ: cluster 0x0708 Publish Change of Supplier
    successCommand: hex(
      '010901010708002B09000100000000804A371C00000000000000000000180000',
      '04452D4F4E0D30333333203230322034363530',
    ),
    // GCS44_3.4_SUCCESS_RESPONSE_GBCS.HEX: GBZ: cluster 0x0708 Default Response status 0x0
    successResponse: hex('010901010708000500000B0100'),
  },
  ECS14: {
    // ECS14_3.5_ERROR_COMMAND_GBCS.HEX: access-request: set 1/0-0:94.44.3.1/2
    errorCommand: hex('D9200003E9000102000100005E2C030102010900'),
    // ECS14_3.5_ERROR_RESPONSE_GBCS.HEX: access-response: results 1
    errorResponse: hex('DA200003E900000100010201'),
    // ECS14_3.5_SUCCESS_COMMAND_GBCS.HEX: access-request: set 1/0-0:94.44.3.1/2
    successCommand: hex('D9200003E8000102000100005E2C030102010900'),
    // ECS14_3.5_SUCCESS_RESPONSE_GBCS.HEX: access-response: results 0
    successResponse: hex('DA200003E800000100010200'),
  },
  GCS11: {
    // GCS11_3.5_ERROR_COMMAND_GBCS.HEX: GBZ: cluster 0x0708 Request New Password Response
    errorCommand: hex('010901010708000F090002804A371C0000000000000200'),
    // GCS11_3.5_ERROR_RESPONSE_GBCS.HEX: GBZ: cluster 0x0708 Default Response status 0xc0
    errorResponse: hex('010901010708000500000B02C0'),
    // GCS11_3.5_SUCCESS_COMMAND_GBCS.HEX: GBZ: cluster 0x0708 Request New Password Response
    successCommand: hex('010901010708000F090002804A371C0000000000000200'),
    // GCS11_3.5_SUCCESS_RESPONSE_GBCS.HEX: GBZ: cluster 0x0708 Default Response status 0x0
    successResponse: hex('010901010708000500000B0200'),
  },
  ECS50: {
    // ECS50_9.1_ERROR_COMMAND_GBCS.HEX: access-request: set 1/0-3:96.13.1.255/2
    errorCommand: hex('D92000051500010200010003600D01FF0201090431323334'),
    // ECS50_9.1_ERROR_RESPONSE_GBCS.HEX: access-response: results 1
    errorResponse: hex('DA2000051500000100010201'),
    // ECS50_9.1_SUCCESS_COMMAND_GBCS.HEX: access-request: set 1/0-3:96.13.1.255/2
    successCommand: hex('D92000051400010200010003600D01FF0201090431323334'),
    // ECS50_9.1_SUCCESS_RESPONSE_GBCS.HEX: access-response: results 0
    successResponse: hex('DA2000051400000100010200'),
  },
  GCS36: {
    // GCS36_9.1_ERROR_COMMAND_GBCS.HEX: GBZ: cluster 0x0708 Update CIN
    errorCommand: hex('0109010107080014090006804A371C00000000000000000431323334'),
    // GCS36_9.1_ERROR_RESPONSE_GBCS.HEX: GBZ: cluster 0x0708 Default Response status 0xc0
    errorResponse: hex('010901010708000500000B06C0'),
    // GCS36_9.1_SUCCESS_COMMAND_GBCS.HEX: GBZ: cluster 0x0708 Update CIN
    successCommand: hex('0109010107080014090006804A371C00000000000000000431323334'),
    // GCS36_9.1_SUCCESS_RESPONSE_GBCS.HEX: GBZ: cluster 0x0708 Default Response status 0x0
    successResponse: hex('010901010708000500000B0600'),
  },
  GCS31: {
    // GCS31_14.1_ERROR_COMMAND_GBCS.HEX: GBZ: cluster 0x0702 Start Sampling
    errorCommand: hex('0109010107020010010007804A371C000000000068012900'),
    // GCS31_14.1_ERROR_RESPONSE_GBCS.HEX: GBZ: cluster 0x0702 Start Sampling Response
    errorResponse: hex('010901010702000509000DFFFF'),
    // GCS31_14.1_SUCCESS_COMMAND_GBCS.HEX: GBZ: cluster 0x0702 Start Sampling
    successCommand: hex('0109010107020010010007804A371C000000000068012900'),
    // GCS31_14.1_SUCCESS_RESPONSE_GBCS.HEX: GBZ: cluster 0x0702 Start Sampling Response
    successResponse: hex('010901010702000509000D0200'),
  },
};
