import { describe, expect, it } from 'vitest';
import { ECS18A } from '../../../../../protocol/gbcs/use-cases/reads/esme-more.js';
import { readCaseChecks, runEsme } from './read-case.js';
import { ECS18A as V } from './rtds/ECS18A.js';

describe('ECS18a 4.12.2 read export maximum demand registers', () => {
  readCaseChecks(
    {
      title: 'ECS18a 4.12.2 read export maximum demand registers',
      codec: ECS18A,
      commands: [V.command],
      response: V.response,
      errorResponse: V.errorResponse,
      run: runEsme('4.12.2'),
      rtdsAnswer: (p) => expect(p).toMatchObject({ maxDemandW: 4775 }),
    },
    it,
    () => '00-DB-12-34-56-78-90-A0' as never,
  );
});
