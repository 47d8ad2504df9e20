import type { ZclTypeName, ZclValue } from './data-types.js';

/**
 * The ZCL header (GBCS-FACTS §9.2). The frame-control byte is split into what it says; the
 * encoder builds it back. `manufacturerCode` is present exactly when the manufacturer-specific bit
 * is set (ZCL 2.4.1.1.3); GBCS never sets it, but the field costs nothing to carry.
 */
export interface ZclHeader {
  readonly frameType: 'global' | 'cluster';
  readonly direction: 'clientToServer' | 'serverToClient';
  readonly disableDefaultResponse: boolean;
  readonly manufacturerCode?: number;
  readonly sequence: number;
  readonly commandId: number;
}

/** One record of a Read Attributes Response: a value only when the status is success (00). */
export type ReadAttributeRecord =
  | { readonly attributeId: number; readonly status: 0; readonly value: ZclValue }
  | { readonly attributeId: number; readonly status: number };

/** One record of a Configure Reporting command (ZCL 2.5.7.1). */
export type ReportingConfiguration =
  | {
      readonly direction: 'reported';
      readonly attributeId: number;
      readonly dataType: ZclTypeName;
      readonly minInterval: number;
      readonly maxInterval: number;
      /** Present exactly for analog data types, in the attribute's type. */
      readonly reportableChange?: ZclValue;
    }
  | { readonly direction: 'received'; readonly attributeId: number; readonly timeout: number };

/** One named field of a cluster-specific command, typed by its ZCL data type. */
export type ZclField = { readonly name: string } & ZclValue;

/**
 * A ZCL command payload. Global commands that GBCS uses are typed; cluster-specific commands are
 * read field by field from the schema table (cluster-commands.ts); what neither knows is kept as
 * `raw` bytes so that it still round-trips. `encrypted` is the §6.5 blob the envelope decrypts:
 * `31 00 00 00 00` ‖ ciphertext ‖ 12-byte tag, without its 2-byte length.
 */
export type ZclPayload =
  | { readonly kind: 'readAttributes'; readonly attributeIds: readonly number[] }
  | { readonly kind: 'readAttributesResponse'; readonly records: readonly ReadAttributeRecord[] }
  | {
      readonly kind: 'writeAttributes';
      readonly records: readonly { readonly attributeId: number; readonly value: ZclValue }[];
    }
  | {
      readonly kind: 'writeAttributesResponse';
      readonly records: readonly { readonly status: number; readonly attributeId?: number }[];
    }
  | { readonly kind: 'configureReporting'; readonly records: readonly ReportingConfiguration[] }
  | {
      readonly kind: 'configureReportingResponse';
      readonly records: readonly {
        readonly status: number;
        readonly direction?: 'reported' | 'received';
        readonly attributeId?: number;
      }[];
    }
  | {
      readonly kind: 'reportAttributes';
      readonly records: readonly { readonly attributeId: number; readonly value: ZclValue }[];
    }
  | { readonly kind: 'defaultResponse'; readonly commandId: number; readonly status: number }
  | {
      readonly kind: 'clusterCommand';
      /** The command's name in the schema table, e.g. `Publish Price Matrix`. */
      readonly name: string;
      readonly fields: readonly ZclField[];
      /** The repeated records after the fixed fields, when the command has them. */
      readonly records?: readonly (readonly ZclField[])[];
      /** Optional trailing bytes a few commands allow (see the schema's `tail`). */
      readonly tail?: Uint8Array;
    }
  | { readonly kind: 'raw'; readonly bytes: Uint8Array }
  | { readonly kind: 'encrypted'; readonly ciphered: Uint8Array };

/** The §9.1 additional header of an encrypted component: control (00 in RTDS) and frame counter. */
export interface GbzEncryptionHeader {
  readonly headerControl: number;
  readonly frameCounter: number;
}

/**
 * One GBZ component (GBCS-FACTS §9.1). The extended-header control byte is not stored: the
 * encoder derives it (last-component bit from the position, 02 from `encryption`, 10 from
 * `fromDateTime`), and the decoder refuses control bytes that would not derive back.
 */
export type GbzComponent =
  | {
      readonly encrypted: false;
      readonly clusterId: number;
      /** Seconds since 2000-01-01 00:00Z, big-endian; 0 = now, 0xFFFFFFFF = cancellation. */
      readonly fromDateTime?: number;
      readonly header: ZclHeader;
      readonly payload: Exclude<ZclPayload, { kind: 'encrypted' }>;
    }
  | {
      readonly encrypted: true;
      readonly clusterId: number;
      readonly encryption: GbzEncryptionHeader;
      readonly header: ZclHeader;
      readonly payload: Extract<ZclPayload, { kind: 'encrypted' }>;
    };

/**
 * What follows the timestamp of a GBZ alert (GBCS-FACTS §9.3). Which form applies is decided by
 * the message code (§7), passed in by the envelope: `none` for a bare alert (n = 0), `component`
 * for GCS53, `futureDated` for 00CD, `firmwareHash` for 00CF, `integrityWarning` for 00F2, and
 * `raw` for use-case content this codec does not read.
 */
export type GbzAlertBody =
  | { readonly kind: 'none' }
  | { readonly kind: 'component'; readonly component: GbzComponent }
  | {
      readonly kind: 'futureDated';
      readonly messageCode: number;
      readonly originatorCounter: bigint;
      readonly clusterId: number;
      readonly frameControl: number;
      readonly commandId: number;
    }
  | { readonly kind: 'firmwareHash'; readonly hash: Uint8Array }
  | { readonly kind: 'integrityWarning'; readonly otherInfo: number }
  | { readonly kind: 'raw'; readonly componentCount: number; readonly bytes: Uint8Array };

/** A GBZ payload: the command/response frame with its components, or an alert. */
export type GbzPayload =
  | { readonly form: 'frame'; readonly components: readonly GbzComponent[] }
  | { readonly form: 'alert'; readonly alertCode: number; readonly timestamp: number; readonly body: GbzAlertBody };
