import { describe, expect, it } from 'vitest';
import { ECS19 } from '../../../../../protocol/gbcs/use-cases/reads/esme-core.js';
import { readCaseChecks, runEsme } from './read-case.js';
import { ECS19 as V } from './rtds/ECS19.js';

describe('ECS19 4.3 read prepayment values', () => {
  readCaseChecks(
    {
      title: 'ECS19 4.3 read prepayment values',
      codec: ECS19,
      commands: [V.command],
      response: V.response,
      errorResponse: V.errorResponse,
      run: runEsme('4.3'),
      rtdsAnswer: (p) => expect(p).toMatchObject({ balancePence: 250, emergencyCreditPence: 95, timeDebt2Pence: 46 }),
      deviceAnswer: (p, handler) =>
        expect(p).toMatchObject({ balancePence: (handler as { balancePence: number }).balancePence }),
    },
    it,
    () => '00-DB-12-34-56-78-90-A0' as never,
  );
});
