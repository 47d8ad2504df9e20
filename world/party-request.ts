import { findServiceRequest, nodeCrypto, type EcPrivateKey, type Eui64 } from '../protocol/index.js';
import type { DefaultPartyName } from './default-parties.js';
import type { GatewayClient, GatewayReply } from './gateway-client.js';

/** The role a built-in party acts in by default, by the fuel of the target device. */
export const DEFAULT_ROLE: Readonly<Record<DefaultPartyName, { readonly electricity: string; readonly gas: string }>> =
  {
    supplier: { electricity: 'IS', gas: 'GS' },
    supplier2: { electricity: 'IS', gas: 'GS' },
    networkOperator: { electricity: 'ED', gas: 'GT' },
    otherUser: { electricity: 'OU', gas: 'OU' },
    meterOperator: { electricity: 'RSA', gas: 'RSA' },
    exportSupplier: { electricity: 'ES', gas: 'ES' },
  };

export interface PartyRequest {
  readonly requestId: string;
  readonly sr: string;
  readonly role: string;
  readonly target: Eui64;
  readonly body?: unknown;
  readonly executionDateTime?: string;
  /** Default: 8 for non-device SRs, the 4 → 5 round trip for critical ones, otherwise 1. */
  readonly commandVariant?: number;
}

/**
 * Submit a service request as a party stub does: for a critical SR, variant 4 first, then the
 * party signs the DCC's pre-command with `signer` (its own key, or another's to forge) and sends
 * variant 5. Resolves to the last synchronous answer. The scenario runner and soak both use it.
 */
export async function submitPartyRequest(
  client: GatewayClient,
  signer: EcPrivateKey,
  request: PartyRequest,
): Promise<GatewayReply<Record<string, unknown>>> {
  const sr = findServiceRequest(request.sr);
  const variant = request.commandVariant ?? (sr?.nonDevice ? 8 : sr?.critical ? 4 : 1);
  const base = {
    requestId: request.requestId,
    role: request.role,
    serviceReferenceVariant: request.sr,
    ...(request.body !== undefined ? { body: request.body } : {}),
    ...(request.executionDateTime ? { executionDateTime: request.executionDateTime } : {}),
  };
  const answer = await client.submit({ ...base, commandVariant: variant });
  if (variant !== 4 || answer.status !== 200 || typeof answer.json.preCommand !== 'string') return answer;
  const signature = Buffer.from(nodeCrypto.sign(signer, Buffer.from(answer.json.preCommand, 'base64'))).toString(
    'base64',
  );
  return client.submit({ ...base, commandVariant: 5, preCommand: answer.json.preCommand, signature });
}
