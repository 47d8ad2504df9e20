import { describe, expect, it } from 'vitest';
import { ECS20D } from '../../../../../protocol/gbcs/use-cases/reads/esme-more.js';
import { readCaseChecks, runEsme } from './read-case.js';
import { ECS20D as V } from './rtds/ECS20D.js';

describe('ECS20d 4.4.5 retrieve billing data log (prepayment credits)', () => {
  readCaseChecks(
    {
      title: 'ECS20d 4.4.5 retrieve billing data log (prepayment credits)',
      codec: ECS20D,
      commands: [V.command],
      response: V.response,
      errorResponse: V.errorResponse,
      run: runEsme('4.4.5'),
      rtdsAnswer: (p) => expect((p as { entries: unknown[] }).entries).toHaveLength(5),
    },
    it,
    () => '00-DB-12-34-56-78-90-A0' as never,
  );
});
