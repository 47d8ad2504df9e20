import { describe, expect, it } from 'vitest';
import { ECS82 } from '../../../../../protocol/gbcs/use-cases/reads/esme-core.js';
import { readCaseChecks, runEsme } from './read-case.js';
import { ECS82 as V } from './rtds/ECS82.js';

describe('ECS82 4.18 read meter balance', () => {
  readCaseChecks(
    {
      title: 'ECS82 4.18 read meter balance',
      codec: ECS82,
      commands: [V.command],
      response: V.response,
      errorResponse: V.errorResponse,
      run: runEsme('4.18'),
      rtdsAnswer: (p) => expect(p).toEqual({ balancePence: 250 }),
      deviceAnswer: (p, handler) =>
        expect(p).toEqual({ balancePence: (handler as { balancePence: number }).balancePence }),
    },
    it,
    () => '00-DB-12-34-56-78-90-A0' as never,
  );
});
