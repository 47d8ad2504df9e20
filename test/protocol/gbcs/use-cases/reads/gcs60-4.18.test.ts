import { describe, expect, it } from 'vitest';
import { GCS60 } from '../../../../../protocol/gbcs/use-cases/reads/gsme-core.js';
import { readCaseChecks, runGsme } from './read-case.js';
import { GCS60 as V } from './rtds/GCS60.js';

describe('GCS60 4.18 read gas meter balance', () => {
  readCaseChecks(
    {
      title: 'GCS60 4.18 read gas meter balance',
      codec: GCS60,
      commands: [V.command],
      response: V.response,
      errorResponse: V.errorResponse,
      run: runGsme('4.18'),
      rtdsAnswer: (p) => expect(p).toEqual({ billToDatePence: 3500, balancePence: 2500 }),
      deviceAnswer: (p, handler) =>
        expect(p).toMatchObject({ billToDatePence: (handler as { billToDatePence: number }).billToDatePence }),
    },
    it,
    () => '00-DB-12-34-56-78-90-A0' as never,
  );
});
