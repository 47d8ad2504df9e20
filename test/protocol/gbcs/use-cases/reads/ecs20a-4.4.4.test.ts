import { describe, expect, it } from 'vitest';
import { ECS20A } from '../../../../../protocol/gbcs/use-cases/reads/esme-more.js';
import { readCaseChecks, runEsme } from './read-case.js';
import { ECS20A as V } from './rtds/ECS20A.js';

describe('ECS20a 4.4.4 retrieve billing data log (payment-based debt payments)', () => {
  readCaseChecks(
    {
      title: 'ECS20a 4.4.4 retrieve billing data log (payment-based debt payments)',
      codec: ECS20A,
      commands: [V.command],
      response: V.response,
      errorResponse: V.errorResponse,
      run: runEsme('4.4.4'),
      rtdsAnswer: (p) => expect((p as { entries: unknown[] }).entries.length).toBeGreaterThan(0),
    },
    it,
    () => '00-DB-12-34-56-78-90-A0' as never,
  );
});
