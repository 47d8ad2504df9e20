import { describe, expect, it } from 'vitest';
import { GCS17 } from '../../../../../protocol/gbcs/use-cases/reads/gsme-core.js';
import { readCaseChecks, runGsme } from './read-case.js';
import { GCS17 as V } from './rtds/GCS17.js';

describe('GCS17 4.8.1 read gas profile data', () => {
  readCaseChecks(
    {
      title: 'GCS17 4.8.1 read gas profile data',
      codec: GCS17,
      commands: [V.command],
      response: V.response,
      errorResponse: V.errorResponse,
      run: runGsme('4.8.1'),
      rtdsAnswer: (p) => expect((p as { halfHours: unknown[] }).halfHours).toHaveLength(97),
      deviceAnswer: (p) => expect((p as { halfHours: unknown[] }).halfHours).toHaveLength(97),
    },
    it,
    () => '00-DB-12-34-56-78-90-A0' as never,
  );
});

describe('GCS17 4.8.1 NOT_FOUND: a range with no samples', () => {
  it('reads the RTDS NOT_FOUND default response as an empty profile, and an empty profile is sent as it', async () => {
    const { GCS17: codec } = await import('../../../../../protocol/gbcs/use-cases/reads/gsme-core.js');
    const { decodeRtds, shapeOf } = await import('./read-case.js');
    const notFound = decodeRtds(V.notFoundResponse).payload;
    expect(codec.decodeResponse(notFound)).toEqual({ status: 'OK', payload: { halfHours: [] } });
    const ours = codec.encodeResponse(
      { status: 'OK', payload: { halfHours: [] } },
      { now: 0, command: decodeRtds(V.command).payload, device: '00-DB-12-34-56-78-90-A1' as never },
    );
    expect(shapeOf(ours)).toEqual(shapeOf(notFound));
  });
});
