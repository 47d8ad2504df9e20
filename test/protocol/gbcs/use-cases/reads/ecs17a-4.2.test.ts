import { describe, expect, it } from 'vitest';
import { ECS17A } from '../../../../../protocol/gbcs/use-cases/reads/esme-core.js';
import { readCaseChecks, runEsme } from './read-case.js';
import { ECS17A as V } from './rtds/ECS17A.js';

describe('ECS17a 4.2 read export energy registers', () => {
  readCaseChecks(
    {
      title: 'ECS17a 4.2 read export energy registers',
      codec: ECS17A,
      commands: [V.command],
      response: V.response,
      errorResponse: V.errorResponse,
      run: runEsme('4.2'),
      rtdsAnswer: (p) => expect(p).toEqual({ exportWh: 10, exportVarh: 20 }),
    },
    it,
    () => '00-DB-12-34-56-78-90-A0' as never,
  );
});
