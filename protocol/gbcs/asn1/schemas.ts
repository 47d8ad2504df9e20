import type { DerNode } from './types.js';
import { isCertificate } from './shapes.js';

/**
 * Typed readings of the small DER payloads whose layout GBCS-FACTS §10 gives, chosen by message
 * code and CRA flag (§7: the bytes alone cannot tell). Each returns `undefined` when the tree does
 * not have the expected layout, so a caller can fall back to the generic tree; the tree stays
 * what encodes. Other DER use cases (CS02a–g, CS07, GCS59, the alerts) are read from the tree.
 */
export type DerUseCaseView =
  | {
      /** CS03A1/A2/B/C join command: method/role 0 A-initiator, 1 A-responder, 2 B, 3 C. */
      readonly kind: 'joinCommand';
      readonly method: bigint;
      readonly entityId: Uint8Array;
      /** 0 GSME, 1 ESME, 2 CHF, 3 GPF, 4 HCALCS, 5 PPMID, 6 Type 2. */
      readonly deviceType: bigint;
      readonly certificate?: DerNode;
    }
  | { readonly kind: 'unjoinCommand'; readonly entityId: Uint8Array }
  | { readonly kind: 'responseCode'; readonly code: bigint }
  | {
      readonly kind: 'activateFirmwareCommand';
      readonly imageHash: Uint8Array;
      readonly originatorCounter: bigint;
      readonly executionTime?: string;
    }
  | { readonly kind: 'activateFirmwareAccepted' }
  | { readonly kind: 'activateFirmwareResponse'; readonly code: bigint; readonly version: Uint8Array }
  | { readonly kind: 'setTimeCommand'; readonly validityStart: string; readonly validityEnd: string }
  /** GCS28 response: time status 0 reliable, 1 invalid, 2 unreliable. */
  | { readonly kind: 'setTimeResponse'; readonly deviceTime: string; readonly timeStatus: bigint };

const JOIN = new Set([0x000d, 0x00ab, 0x000e, 0x00af]); // CS03A1, CS03A2, CS03B, CS03C
const UNJOIN = new Set([0x000f, 0x0010]); // CS04AC, CS04B
const CS06 = 0x0012;
const GCS28 = 0x007f;
const COMMAND = 1;
const RESPONSE = 2;

function children(n: DerNode): readonly DerNode[] | undefined {
  return n.type === 'sequence' ? n.children : undefined;
}

export function derUseCaseView(messageCode: number, cra: number, root: DerNode): DerUseCaseView | undefined {
  const items = children(root);
  const [a, b, c, d] = items ?? [];
  if (JOIN.has(messageCode) && cra === COMMAND) {
    if (a?.type !== 'integer' || b?.type !== 'octetString' || c?.type !== 'integer') return undefined;
    if (items!.length > 4 || (d !== undefined && !isCertificate(d))) return undefined;
    return {
      kind: 'joinCommand',
      method: a.value,
      entityId: b.value,
      deviceType: c.value,
      ...(d === undefined ? {} : { certificate: d }),
    };
  }
  if (UNJOIN.has(messageCode) && cra === COMMAND)
    return root.type === 'octetString' ? { kind: 'unjoinCommand', entityId: root.value } : undefined;
  if ((JOIN.has(messageCode) || UNJOIN.has(messageCode)) && cra === RESPONSE)
    return root.type === 'integer' ? { kind: 'responseCode', code: root.value } : undefined;
  if (messageCode === CS06 && cra === COMMAND) {
    if (a?.type !== 'octetString' || b?.type !== 'integer' || items!.length > 3) return undefined;
    if (c !== undefined && c.type !== 'generalizedTime') return undefined;
    return {
      kind: 'activateFirmwareCommand',
      imageHash: a.value,
      originatorCounter: b.value,
      ...(c === undefined ? {} : { executionTime: c.value }),
    };
  }
  if (messageCode === CS06 && cra === RESPONSE) {
    if (root.type === 'null') return { kind: 'activateFirmwareAccepted' };
    if (a?.type !== 'integer' || b?.type !== 'octetString' || items!.length !== 2) return undefined;
    return { kind: 'activateFirmwareResponse', code: a.value, version: b.value };
  }
  if (messageCode === GCS28) {
    if (items?.length !== 2 || a?.type !== 'generalizedTime') return undefined;
    if (cra === COMMAND && b?.type === 'generalizedTime')
      return { kind: 'setTimeCommand', validityStart: a.value, validityEnd: b.value };
    if (cra === RESPONSE && b?.type === 'integer')
      return { kind: 'setTimeResponse', deviceTime: a.value, timeStatus: b.value };
  }
  return undefined;
}
