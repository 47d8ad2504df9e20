import { describe, expect, it } from 'vitest';
import { GCS13A } from '../../../../../protocol/gbcs/use-cases/reads/gsme-core.js';
import { readCaseChecks, runGsme } from './read-case.js';
import { GCS13A as V } from './rtds/GCS13A.js';

describe('GCS13a 4.1.1 read gas import registers', () => {
  readCaseChecks(
    {
      title: 'GCS13a 4.1.1 read gas import registers',
      codec: GCS13A,
      commands: [V.command],
      response: V.response,
      errorResponse: V.errorResponse,
      run: runGsme('4.1.1'),
      rtdsAnswer: (p) => expect(p).toEqual({ volumeM3: 12.345 }),
      deviceAnswer: (p, handler) =>
        expect((p as { volumeM3: number }).volumeM3).toBeCloseTo((handler as { volumeM3: number }).volumeM3, 2),
    },
    it,
    () => '00-DB-12-34-56-78-90-A0' as never,
  );
});
