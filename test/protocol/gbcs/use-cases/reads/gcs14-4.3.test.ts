import { describe, expect, it } from 'vitest';
import { GCS14 } from '../../../../../protocol/gbcs/use-cases/reads/gsme-core.js';
import { readCaseChecks, runGsme } from './read-case.js';
import { GCS14 as V } from './rtds/GCS14.js';

describe('GCS14 4.3 read gas prepayment values', () => {
  readCaseChecks(
    {
      title: 'GCS14 4.3 read gas prepayment values',
      codec: GCS14,
      commands: [V.command],
      response: V.response,
      errorResponse: V.errorResponse,
      run: runGsme('4.3'),
      rtdsAnswer: (p) =>
        expect(p).toMatchObject({ balancePence: 2500, emergencyCreditPence: 500, accumulatedDebtPence: 2500 }),
    },
    it,
    () => '00-DB-12-34-56-78-90-A0' as never,
  );
});
