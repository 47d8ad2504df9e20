import { describe, expect, it } from 'vitest';
import { ECS17E } from '../../../../../protocol/gbcs/use-cases/reads/esme-more.js';
import { readCaseChecks, runEsme } from './read-case.js';
import { ECS17E as V } from './rtds/ECS17E.js';

describe('ECS17e 4.1.3 read import TOU with blocks registers', () => {
  readCaseChecks(
    {
      title: 'ECS17e 4.1.3 read import TOU with blocks registers',
      codec: ECS17E,
      commands: [V.command],
      response: V.response,
      errorResponse: V.errorResponse,
      run: runEsme('4.1.3'),
      rtdsAnswer: (p) => expect((p as { touBlockWh: number[] }).touBlockWh).toHaveLength(64),
      deviceAnswer: (p) => expect((p as { touBlockWh: number[] }).touBlockWh[0]).toBeGreaterThan(0),
    },
    it,
    () => '00-DB-12-34-56-78-90-A0' as never,
  );
});
