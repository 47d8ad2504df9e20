import { describe, expect, it } from 'vitest';
import { GCS13B } from '../../../../../protocol/gbcs/use-cases/reads/gsme-more.js';
import { readCaseChecks, runGsme } from './read-case.js';
import { GCS13B as V } from './rtds/GCS13B.js';

describe('GCS13b 4.1.4 read gas block counters', () => {
  readCaseChecks(
    {
      title: 'GCS13b 4.1.4 read gas block counters',
      codec: GCS13B,
      commands: [V.command],
      response: V.response,
      errorResponse: V.errorResponse,
      run: runGsme('4.1.4'),
      rtdsAnswer: (p) => expect(p).toEqual({ blockM3: [0, 0.001, 0.002, 0.003] }),
      deviceAnswer: (p) => expect((p as { blockM3: number[] }).blockM3[0]).toBeGreaterThan(0),
    },
    it,
    () => '00-DB-12-34-56-78-90-A0' as never,
  );
});
