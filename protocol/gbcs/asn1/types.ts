/**
 * A DER value tree (X.690 §10, GBCS-FACTS §10). Each node is a discriminated union on `type`.
 * Universal types that GBCS payloads and their X.509 certificates use are typed; context,
 * application and private tags are `tagged`, constructed (children) or primitive (content bytes).
 *
 * `lengthBytes` is set only when the length was written in a longer form than DER's shortest
 * (`82 00 9F` for 159): 32 RTDS CS02b/CS02f/CS02g responses and alerts do that, so the form is kept
 * to round-trip instead of being refused. Absent, the encoder writes the shortest form.
 */
interface Common {
  readonly lengthBytes?: 1 | 2;
}

export type DerTagClass = 'universal' | 'application' | 'context' | 'private';

export type DerNode = Common &
  (
    | { readonly type: 'boolean'; readonly value: boolean }
    | { readonly type: 'integer' | 'enumerated'; readonly value: bigint }
    | { readonly type: 'bitString'; readonly unusedBits: number; readonly bytes: Uint8Array }
    | { readonly type: 'octetString'; readonly value: Uint8Array }
    | { readonly type: 'null' }
    | { readonly type: 'oid'; readonly value: string }
    | { readonly type: 'utf8String' | 'printableString' | 'ia5String'; readonly value: string }
    | { readonly type: 'utcTime' | 'generalizedTime'; readonly value: string }
    | { readonly type: 'sequence' | 'set'; readonly children: readonly DerNode[] }
    | {
        readonly type: 'tagged';
        readonly tagClass: Exclude<DerTagClass, 'universal'>;
        readonly tagNumber: number;
        readonly constructed: true;
        readonly children: readonly DerNode[];
      }
    | {
        readonly type: 'tagged';
        readonly tagClass: Exclude<DerTagClass, 'universal'>;
        readonly tagNumber: number;
        readonly constructed: false;
        readonly content: Uint8Array;
      }
  );

/**
 * What a GBCS DER payload is, at a glance (GBCS-FACTS §10): a response code (bare INTEGER), the
 * "command accepted" NULL, an entity id (8-byte OCTET STRING), one X.509 certificate, a SEQUENCE
 * of certificates, or some other structure whose meaning is in the use case.
 */
export type DerShape =
  | { readonly kind: 'responseCode'; readonly code: bigint }
  | { readonly kind: 'accepted' }
  | { readonly kind: 'entityId'; readonly entityId: Uint8Array }
  | { readonly kind: 'certificate' }
  | { readonly kind: 'certificates'; readonly count: number }
  | { readonly kind: 'structure' };

/** A DER payload: one root value. `shape` is derived on decode and ignored by the encoder. */
export interface DerPayload {
  readonly root: DerNode;
  readonly shape?: DerShape;
}
