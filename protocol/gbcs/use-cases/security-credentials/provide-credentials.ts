import type { PlainValue } from '../../../cbor.js';
import type { DeviceType } from '../../../device-type.js';
import { euiToBytes, formatEuiBytes, parseEui } from '../../../eui.js';
import type { ServiceReferenceVariant } from '../../../catalogue.js';
import type { DerNode } from '../../asn1/index.js';
import type { GbcsPayload } from '../../payload.js';
import { UseCaseError, type Outcome, type UseCaseCodec } from '../use-case-codec.js';
import { der, derRoot, enumerated, int, integer, octetString, octets, seq, sequence, small } from './der-fields.js';
import {
  cellNode,
  readCellItems,
  readKeyUsage,
  REMOTE_PARTY_ROLE,
  roleName,
  type CellKey,
  type RemotePartyRoleName,
} from './trust-cells.js';

/**
 * CS02a Provide Security Credential Details (SR 6.24.1; GBCS-FACTS §10, layout from RTDS
 * 6.24.1_CS02aMAC):
 *
 *     command  SEQUENCE { authorisingRemotePartyTACellIdentifier, SEQUENCE OF RemotePartyRole }
 *     response SEQUENCE OF SEQUENCE { role, status ENUMERATED,
 *                [currentSeqNumber INTEGER, SEQUENCE OF SEQUENCE { keyUsage, cellUsage DEFAULT 0,
 *                 subjectUniqueId OCTET STRING (8), subjectKeyId OCTET STRING (8) }] }
 *
 * The authorising cell is the ACB's key agreement cell: the command is MAC'd, not signed.
 *
 * Body: `{ roles: ["supplier", "networkOperator", …] }` (GBCS role names, trust-cells.ts).
 * Response payload: `{ credentials: [{ role, status, counter?, cells?: [{ cell, eui, keyId }] }] }`,
 * status 0 success or 25 trust anchor not found (a role the device holds nothing for: the RTDS
 * ERROR variant), which the head-end reads as INVALID_STATE.
 */
const TRUST_ANCHOR_NOT_FOUND = 25;
const STATUS_CODES = [0, 5, 10, 17, 25, 30, 127];

type Map = { readonly [key: string]: PlainValue };
const isMap = (v: PlainValue | undefined): v is Map =>
  v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array);

function roleList(body: PlainValue): RemotePartyRoleName[] {
  const roles = isMap(body) ? body.roles : undefined;
  if (!Array.isArray(roles) || roles.length === 0 || roles.length > 9)
    throw new UseCaseError('roles must list 1 to 9 remote party roles', 'roles');
  return roles.map((r, k) => {
    if (typeof r !== 'string' || !Object.hasOwn(REMOTE_PARTY_ROLE, r))
      throw new UseCaseError(`roles[${k}] must be one of ${Object.keys(REMOTE_PARTY_ROLE).join(', ')}`, `roles[${k}]`);
    return r as RemotePartyRoleName;
  });
}

export function encodeProvideCommand(body: PlainValue): GbcsPayload {
  const roles = roleList(body);
  return der(
    sequence(
      cellNode({ role: 'accessControlBroker', key: 'ka' }),
      sequence(...roles.map((r) => integer(REMOTE_PARTY_ROLE[r]))),
    ),
  );
}

export function decodeProvideCommand(payload: GbcsPayload): PlainValue {
  const [cell, roles] = seq(derRoot(payload, 'command'), 'command', 2, 2);
  readCellItems(seq(cell, 'command.authorisingCell', 2, 3), 'command.authorisingCell');
  const list = seq(roles, 'command.roles', 1, 9).map((r, k) =>
    roleName(int(r, `command.roles[${k}]`, 127n), `command.roles[${k}]`),
  );
  return { roles: list };
}

function readEntry(n: PlainValue | undefined): Map {
  if (!isMap(n)) return {};
  return n;
}

function cellItems(cell: CellKey, eui: PlainValue | undefined, keyId: PlainValue | undefined): DerNode {
  const items: DerNode[] = [keyUsage(cell)];
  if (cell === 'prepaymentKa') items.push(integer(1));
  let id: Uint8Array = new Uint8Array(8);
  try {
    if (typeof eui === 'string') id = euiToBytes(parseEui(eui));
  } catch {
    id = new Uint8Array(8);
  }
  items.push(
    octetString(id),
    octetString(keyId instanceof Uint8Array && keyId.length === 8 ? keyId : new Uint8Array(8)),
  );
  return sequence(...items);
}

function keyUsage(cell: CellKey): DerNode {
  return cell === 'ds'
    ? { type: 'bitString', unusedBits: 7, bytes: Uint8Array.of(0x80) }
    : { type: 'bitString', unusedBits: 3, bytes: Uint8Array.of(0x08) };
}

export function encodeProvideResponse(outcome: Outcome): GbcsPayload {
  const p = readEntry(outcome.payload);
  const list: readonly PlainValue[] = Array.isArray(p.credentials) ? p.credentials : [];
  return der(
    sequence(
      ...list.map((c) => {
        const e = readEntry(c);
        const role =
          typeof e.role === 'string' && Object.hasOwn(REMOTE_PARTY_ROLE, e.role)
            ? REMOTE_PARTY_ROLE[e.role as RemotePartyRoleName]
            : 127;
        const status = typeof e.status === 'number' && STATUS_CODES.includes(e.status) ? e.status : 127;
        const items: DerNode[] = [integer(role), enumerated(status)];
        if (status === 0) {
          const counter = typeof e.counter === 'string' && /^\d{1,20}$/.test(e.counter) ? BigInt(e.counter) : 0n;
          const cells = Array.isArray(e.cells) ? e.cells.map(readEntry) : [];
          items.push(
            integer(counter),
            sequence(
              ...cells
                .filter((x) => x.cell === 'ds' || x.cell === 'ka' || x.cell === 'prepaymentKa')
                .map((x) => cellItems(x.cell as CellKey, x.eui, x.keyId)),
            ),
          );
        }
        return sequence(...items);
      }),
    ),
  );
}

export function decodeProvideResponse(payload: GbcsPayload): Outcome {
  let notFound = false;
  let failed = false;
  const credentials = seq(derRoot(payload, 'response'), 'response', 0, 9).map((entry, k): PlainValue => {
    const f = `response[${k}]`;
    const items = seq(entry, f, 2, 4);
    const role = roleName(int(items[0], `${f}.role`, 127n), `${f}.role`);
    const status = small(items[1], `${f}.status`, STATUS_CODES);
    if (status === TRUST_ANCHOR_NOT_FOUND) notFound = true;
    else if (status !== 0) failed = true;
    if (items.length === 2) return { role, status };
    if (items.length !== 4) throw new UseCaseError(`${f} carries a seq number and cells, or neither`, f);
    const counter = int(items[2], `${f}.currentSeqNumber`).toString();
    const cells = seq(items[3], `${f}.cells`, 0, 8).map((cell, j): PlainValue => {
      const g = `${f}.cells[${j}]`;
      const c = seq(cell, g, 3, 4);
      const usage = readKeyUsage(c[0], `${g}.keyUsage`);
      const prepayment = c.length === 4 ? int(c[1], `${g}.cellUsage`, 1n) === 1n : false;
      const rest = c.slice(c.length - 2);
      return {
        cell: prepayment ? 'prepaymentKa' : usage,
        eui: formatEuiBytes(octets(rest[0], `${g}.subjectUniqueId`, 8)),
        keyId: octets(rest[1], `${g}.subjectKeyId`, 8),
      };
    });
    return { role, status, counter, cells };
  });
  // 25 "trust anchor not found" is the device's state (INVALID_STATE); any other failure BAD_PAYLOAD.
  return { status: failed ? 'BAD_PAYLOAD' : notFound ? 'INVALID_STATE' : 'OK', payload: { credentials } };
}

export function provideCredentialsCodec(
  useCase: string,
  messageCode: number,
  variant: ServiceReferenceVariant,
  device: DeviceType,
): UseCaseCodec {
  return {
    useCase,
    messageCode,
    variant,
    device,
    encodeCommand: (body) => encodeProvideCommand(body),
    decodeCommand: decodeProvideCommand,
    encodeResponse: (outcome) => encodeProvideResponse(outcome),
    decodeResponse: decodeProvideResponse,
  };
}
