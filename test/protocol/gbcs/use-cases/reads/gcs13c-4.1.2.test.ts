import { describe, expect, it } from 'vitest';
import { GCS13C } from '../../../../../protocol/gbcs/use-cases/reads/gsme-more.js';
import { readCaseChecks, runGsme } from './read-case.js';
import { GCS13C as V } from './rtds/GCS13C.js';

describe('GCS13c 4.1.2 read gas tier registers', () => {
  readCaseChecks(
    {
      title: 'GCS13c 4.1.2 read gas tier registers',
      codec: GCS13C,
      commands: [V.command],
      response: V.response,
      errorResponse: V.errorResponse,
      run: runGsme('4.1.2'),
      rtdsAnswer: (p) => expect(p).toEqual({ touM3: [1, 2, 3, 4] }),
      deviceAnswer: (p) => expect((p as { touM3: number[] }).touM3[0]).toBeGreaterThan(0),
    },
    it,
    () => '00-DB-12-34-56-78-90-A0' as never,
  );
});
