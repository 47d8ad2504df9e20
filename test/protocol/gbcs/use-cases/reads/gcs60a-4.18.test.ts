import { describe, expect, it } from 'vitest';
import { GCS60A } from '../../../../../protocol/gbcs/use-cases/reads/gsme-core.js';
import { readCaseChecks, runGsme } from './read-case.js';
import { GCS60A as V } from './rtds/GCS60A.js';

describe('GCS60a 4.18 read gas meter balance (GSME)', () => {
  readCaseChecks(
    {
      title: 'GCS60a 4.18 read gas meter balance (GSME)',
      codec: GCS60A,
      commands: [V.command],
      response: V.response,
      errorResponse: V.errorResponse,
      run: runGsme('4.18'),
      rtdsAnswer: (p) => expect(p).toEqual({ billToDatePence: 3500, balancePence: 2500 }),
    },
    it,
    () => '00-DB-12-34-56-78-90-A0' as never,
  );
});
