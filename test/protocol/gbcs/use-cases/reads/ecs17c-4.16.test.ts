import { describe, expect, it } from 'vitest';
import { ECS17C } from '../../../../../protocol/gbcs/use-cases/reads/esme-core.js';
import { readCaseChecks, runEsme } from './read-case.js';
import { ECS17C as V } from './rtds/ECS17C.js';

describe('ECS17c 4.16 read active power import', () => {
  readCaseChecks(
    {
      title: 'ECS17c 4.16 read active power import',
      codec: ECS17C,
      commands: [V.command],
      response: V.response,
      errorResponse: V.errorResponse,
      run: runEsme('4.16'),
      rtdsAnswer: (p) => expect(p).toEqual({ powerW: 10 }),
      deviceAnswer: (p, handler) => expect(p).toEqual({ powerW: (handler as { powerW: number }).powerW }),
    },
    it,
    () => '00-DB-12-34-56-78-90-A0' as never,
  );
});
