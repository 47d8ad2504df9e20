import type { CosemDate, CosemDateTime, CosemTime } from './date-time.js';
import type { ObisCode } from './obis-code.js';

/**
 * The DLMS COSEM values GBCS carries for ESME and CHF use cases (GBCS-FACTS §8), as readonly
 * discriminated unions on `type`. Every field keeps what its bytes need to re-encode exactly:
 * encodeDlms(decodeDlms(b)) is b, byte for byte (checked on every DLMS payload of RTDS 4.5.0).
 */

/** A-XDR Data (GBCS-FACTS §8.4; tag numbers from the DLMS Data CHOICE). */
export type DlmsData =
  | { readonly type: 'null-data' }
  | { readonly type: 'array'; readonly items: readonly DlmsData[] }
  | { readonly type: 'structure'; readonly items: readonly DlmsData[] }
  | { readonly type: 'boolean'; readonly value: boolean }
  /** `bitLength` counts bits (§14.1); `bytes` holds ⌈bitLength/8⌉ bytes, first bit = MSB of bytes[0]. */
  | { readonly type: 'bit-string'; readonly bitLength: number; readonly bytes: Uint8Array }
  | { readonly type: 'double-long'; readonly value: number }
  | { readonly type: 'double-long-unsigned'; readonly value: number }
  | { readonly type: 'octet-string'; readonly bytes: Uint8Array }
  /** ISO 646 visible characters only (0x20–0x7E). */
  | { readonly type: 'visible-string'; readonly value: string }
  | { readonly type: 'utf8-string'; readonly value: string }
  | { readonly type: 'bcd'; readonly value: number }
  | { readonly type: 'integer'; readonly value: number }
  | { readonly type: 'long'; readonly value: number }
  | { readonly type: 'unsigned'; readonly value: number }
  | { readonly type: 'long-unsigned'; readonly value: number }
  /** Elements carry no tags on the wire; their types come from `description`. */
  | { readonly type: 'compact-array'; readonly description: TypeDescription; readonly items: readonly DlmsData[] }
  | { readonly type: 'long64'; readonly value: bigint }
  | { readonly type: 'long64-unsigned'; readonly value: bigint }
  | { readonly type: 'enum'; readonly value: number }
  | { readonly type: 'float32'; readonly value: number }
  | { readonly type: 'float64'; readonly value: number }
  | { readonly type: 'date-time'; readonly value: CosemDateTime }
  | { readonly type: 'date'; readonly value: CosemDate }
  | { readonly type: 'time'; readonly value: CosemTime };

export type DlmsDataType = DlmsData['type'];

/** A simple (non-constructed) Data type: what a compact-array description names by its tag alone. */
export type SimpleDataType = Exclude<DlmsDataType, 'array' | 'structure' | 'compact-array'>;

/** The type description at the head of a compact-array (DLMS TypeDescription CHOICE). */
export type TypeDescription =
  | { readonly type: 'simple'; readonly dataType: SimpleDataType }
  /** A fixed-length array: `count` elements of one type (count is a 2-byte field on the wire). */
  | { readonly type: 'array'; readonly count: number; readonly element: TypeDescription }
  | { readonly type: 'structure'; readonly members: readonly TypeDescription[] };

/** Cosem-Attribute-Descriptor: class id (u16), logical name (OBIS, 6 bytes), attribute id (u8). */
export interface AttributeDescriptor {
  readonly classId: number;
  readonly instance: ObisCode;
  readonly attributeId: number;
}

/** Cosem-Method-Descriptor: class id, logical name, method id (u8). */
export interface MethodDescriptor {
  readonly classId: number;
  readonly instance: ObisCode;
  readonly methodId: number;
}

/** Access-Request-Specification (GBCS-FACTS §8.2). Selective access carries a selector and its parameters. */
export type AccessRequestSpec =
  | { readonly type: 'get'; readonly attribute: AttributeDescriptor }
  | { readonly type: 'set'; readonly attribute: AttributeDescriptor }
  | { readonly type: 'action'; readonly method: MethodDescriptor }
  | {
      readonly type: 'get-with-selection';
      readonly attribute: AttributeDescriptor;
      readonly selector: number;
      readonly parameters: DlmsData;
    }
  | {
      readonly type: 'set-with-selection';
      readonly attribute: AttributeDescriptor;
      readonly selector: number;
      readonly parameters: DlmsData;
    };

/** Access-Response-Specification (§8.3): a Data-Access-Result for get/set, an Action-Result for action. */
export interface AccessResponseSpec {
  readonly type: 'get' | 'set' | 'action';
  readonly result: number;
}

/**
 * access-request (D9). `invokeId` is the whole 4-byte long-invoke-id-and-priority (in GBCS
 * 0x20 ‖ the low 24 bits of the counter, §14.9). `dateTime` is null for the empty octet string,
 * which is all RTDS uses. `data` has one item per spec: null-data for a get, the value for a set,
 * the parameter for an action.
 */
export interface AccessRequest {
  readonly type: 'access-request';
  readonly invokeId: number;
  readonly dateTime: CosemDateTime | null;
  readonly specs: readonly AccessRequestSpec[];
  readonly data: readonly DlmsData[];
}

/**
 * access-response (DA). `requestSpecs` is the OPTIONAL echo of the request's specifications
 * (absent, the `00` byte, in every RTDS response). `data` and `specs` have one entry per request spec.
 */
export interface AccessResponse {
  readonly type: 'access-response';
  readonly invokeId: number;
  readonly dateTime: CosemDateTime | null;
  readonly requestSpecs: readonly AccessRequestSpec[] | null;
  readonly data: readonly DlmsData[];
  readonly specs: readonly AccessResponseSpec[];
}

/** data-notification (0F), the DLMS alert (§8.7): one Data item, in GBCS a structure {alert code, timestamp, …}. */
export interface DataNotification {
  readonly type: 'data-notification';
  readonly invokeId: number;
  readonly dateTime: CosemDateTime | null;
  readonly body: DlmsData;
}

export type DlmsApdu = AccessRequest | AccessResponse | DataNotification;
