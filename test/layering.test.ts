import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  devicesReachHeadEnd,
  headEndReachesDevices,
  crossDeviceImports,
  importGraph,
  protocolLeaks,
  sharedOutsideProtocol,
  type ImportGraph,
} from './support/import-graph.js';

// BRIEF "Layout": protocol/ imports nothing from the other folders; devices never import the
// head-end and the head-end never imports device internals. Issue 11 §5: no file outside protocol/
// is imported by both a device folder and dcc-head-end/.
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const graph = importGraph(root);

describe('layering (BRIEF: Layout; issue 11 §5)', () => {
  it('sees the real imports (the check is not vacuous)', () => {
    expect(graph.get('hub/chf.ts')).toContain('protocol/wan-link.ts');
    expect(graph.get('dcc-head-end/head-end.ts')).toContain('protocol/wan-link.ts');
    expect(graph.get('device-core/firmware.ts')).toContain('protocol/index.ts');
    expect(graph.size).toBeGreaterThan(100);
  });

  it('no file outside protocol/ is imported by both a device folder and dcc-head-end/', () => {
    expect(sharedOutsideProtocol(graph)).toEqual([]);
  });

  it('protocol/ imports nothing outside itself', () => {
    expect(protocolLeaks(graph)).toEqual([]);
  });

  it('a device folder imports only protocol/, device-core/, itself, and (meters) meter-core/', () => {
    expect(crossDeviceImports(graph)).toEqual([]);
  });

  it('no device folder reaches dcc-head-end/, by any chain of imports', () => {
    expect(devicesReachHeadEnd(graph)).toEqual([]);
  });

  it('dcc-head-end/ reaches no device folder, by any chain of imports', () => {
    expect(headEndReachesDevices(graph)).toEqual([]);
  });
});

describe('the layering checks catch what they must', () => {
  // The shapes of the imports issue 11 found: head-end → device-core, device-core → hub.
  const bad: ImportGraph = new Map([
    ['dcc-head-end/inventory.ts', ['device-core/firmware.ts']],
    ['device-core/firmware.ts', ['hub/smhan-bus.ts', 'smwan/link.ts']],
    ['hub/chf.ts', ['smwan/link.ts']],
    ['dcc-head-end/head-end.ts', ['smwan/link.ts', 'scenarios/x.ts']],
    ['scenarios/x.ts', ['meter-gsme/gsme.ts']],
    ['protocol/frame.ts', ['device-core/payload.ts', 'protocol/cbor.ts']],
  ]);

  it('a file both sides import', () => {
    expect(sharedOutsideProtocol(bad)).toEqual(['smwan/link.ts']);
  });

  it('protocol/ importing out', () => {
    expect(protocolLeaks(bad)).toEqual(['protocol/frame.ts → device-core/payload.ts']);
  });

  it('the head-end reaching a device directly or through another folder', () => {
    expect(headEndReachesDevices(bad)).toEqual([
      'dcc-head-end/head-end.ts → scenarios/x.ts → meter-gsme/gsme.ts',
      'dcc-head-end/inventory.ts → device-core/firmware.ts',
    ]);
  });

  it('a hub reaching into a meter, and device-core into the hub', () => {
    expect(
      crossDeviceImports(
        new Map([
          ['hub/gas-proxy.ts', ['meter-gsme/gsme.ts', 'device-core/firmware.ts', 'hub/device-log.ts']],
          ['device-core/firmware.ts', ['hub/smhan-bus.ts']],
          ['meter-esme/esme.ts', ['meter-core/meter-firmware.ts']],
          ['ihd/ihd.ts', ['meter-core/meter-firmware.ts']],
          ['meter-core/meter-firmware.ts', ['meter-esme/esme.ts']],
        ]),
      ),
    ).toEqual([
      'device-core/firmware.ts → hub/smhan-bus.ts',
      'hub/gas-proxy.ts → meter-gsme/gsme.ts',
      'ihd/ihd.ts → meter-core/meter-firmware.ts',
      'meter-core/meter-firmware.ts → meter-esme/esme.ts',
    ]);
  });

  it('a device reaching the head-end', () => {
    expect(
      devicesReachHeadEnd(
        new Map([
          ['ihd/ihd.ts', ['smwan/a.ts']],
          ['smwan/a.ts', ['dcc-head-end/b.ts']],
        ]),
      ),
    ).toEqual(['ihd/ihd.ts → smwan/a.ts → dcc-head-end/b.ts']);
  });
});
