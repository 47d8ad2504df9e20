import { describe, expect, it } from 'vitest';
import { ECS21B } from '../../../../../protocol/gbcs/use-cases/reads/esme-billing.js';
import { readCaseChecks, runEsme } from './read-case.js';
import { ECS21B as V } from './rtds/ECS21B.js';

describe('ECS21b 4.14 retrieve prepayment daily read log', () => {
  readCaseChecks(
    {
      title: 'ECS21b 4.14 retrieve prepayment daily read log',
      codec: ECS21B,
      commands: [V.command],
      response: V.response,
      errorResponse: V.errorResponse,
      run: runEsme('4.14'),
      rtdsAnswer: (p) => expect((p as { days: { balancePence: number }[] }).days[0]!.balancePence).toBe(700),
      deviceAnswer: (p) => expect((p as { days: unknown[] }).days.length).toBeGreaterThan(0),
    },
    it,
    () => '00-DB-12-34-56-78-90-A0' as never,
  );
});
