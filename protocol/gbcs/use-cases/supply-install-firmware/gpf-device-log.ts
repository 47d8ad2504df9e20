import type { PlainValue } from '../../../cbor.js';
import { euiToBytes, formatEuiBytes, parseEui } from '../../../eui.js';
import type { DerNode } from '../../asn1/index.js';
import type { UseCaseCodec } from '../use-case-codec.js';
import { der, derBytes, derChildren, derInt, derNumber, derOctets, derRoot, derSeq } from './der-kit.js';
import { JOIN_DEVICE_TYPES, type JoinDeviceType } from './join.js';
import { bodyMap, fail, outcome } from './kit.js';

/**
 * SR 8.12.2 Restore GPF Device Log (GCS59, DER, GBCS-FACTS §10): SEQUENCE {SEQUENCE OF SEQUENCE
 * {OCTET STRING(8) device, INTEGER device type}} (the device type codes of CS03); the GPF answers
 * SEQUENCE {SEQUENCE OF SEQUENCE {the entry, INTEGER result (0 restored)}}.
 *
 * Body `{ entries: [{ device, type }] }`, types as in join.ts (`IHD` for a Type 2 device).
 * Response `{ restored: [{ device, type, result }] }`. A refusal of the whole command answers each
 * entry 1 (emulator choice: the RTDS has no ERROR variant).
 */

const MAX_ENTRIES = 16;

interface Entry {
  readonly device: string;
  readonly type: JoinDeviceType;
}

function entryNode(e: Entry): DerNode {
  return derSeq([derOctets(euiToBytes(parseEui(e.device, 'device'))), derInt(JOIN_DEVICE_TYPES.indexOf(e.type))]);
}

function readEntry(node: DerNode | undefined, field: string): Entry {
  const [device, type] = derChildren('GCS59', node, field, 2);
  const name = JOIN_DEVICE_TYPES[derNumber('GCS59', type, `${field}.type`, 0, JOIN_DEVICE_TYPES.length - 1)];
  if (!name) fail('GCS59', `${field}.type`, 'must be a device type code');
  return { device: formatEuiBytes(derBytes('GCS59', device, `${field}.device`, 8)), type: name };
}

function entriesOf(body: ReturnType<typeof bodyMap>): Entry[] {
  const list = body.entries;
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_ENTRIES)
    fail('GCS59', 'entries', `must be 1 to ${MAX_ENTRIES} entries`);
  return (list as readonly PlainValue[]).map((item, i) => {
    const e = bodyMap(item);
    if (typeof e.device !== 'string' || !JOIN_DEVICE_TYPES.includes(e.type as JoinDeviceType))
      fail('GCS59', `entries[${i}]`, 'must be { device: EUI-64, type: a device type }');
    try {
      parseEui(e.device, 'device');
    } catch {
      fail('GCS59', `entries[${i}].device`, 'must be an EUI-64');
    }
    return { device: e.device, type: e.type as JoinDeviceType };
  });
}

export const GCS59: UseCaseCodec = {
  useCase: 'GCS59',
  messageCode: 0x008c,
  variant: '8.12.2',
  device: 'GPF',
  encodeCommand: (body) => der(derSeq([derSeq(entriesOf(bodyMap(body)).map(entryNode))])),
  decodeCommand: (payload) => {
    const [list] = derChildren('GCS59', derRoot('GCS59', payload), 'restore', 1);
    const items = derChildren('GCS59', list, 'entries', 1, MAX_ENTRIES);
    return { entries: items.map((n, i) => ({ ...readEntry(n, `entries[${i}]`) })) };
  },
  encodeResponse: (result, ctx) => {
    // The entries restored are the command's, each with its result.
    // A command that did not decode is answered with no entries.
    let entries: Entry[] = [];
    try {
      entries = entriesOf(bodyMap(GCS59.decodeCommand(ctx.command)));
    } catch {
      entries = [];
    }
    const code = result.status === 'OK' ? 0 : 1;
    return der(derSeq([derSeq(entries.map((e) => derSeq([entryNode(e), derInt(code)])))]));
  },
  decodeResponse: (payload) => {
    const [list] = derChildren('GCS59', derRoot('GCS59', payload), 'response', 1);
    const items = derChildren('GCS59', list, 'results', 0, MAX_ENTRIES);
    const restored = items.map((n, i) => {
      const [entry, code] = derChildren('GCS59', n, `results[${i}]`, 2);
      return {
        ...readEntry(entry, `results[${i}].entry`),
        result: derNumber('GCS59', code, `results[${i}].result`, 0, 0xffff),
      };
    });
    return outcome(restored.length > 0 && restored.every((r) => r.result === 0) ? 'OK' : 'INVALID_STATE', { restored });
  },
};
