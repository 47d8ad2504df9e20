import { describe, expect, it } from 'vitest';
import { ECS27 } from '../../../../../protocol/gbcs/use-cases/reads/esme-more.js';
import { readCaseChecks, runEsme } from './read-case.js';
import { ECS27 as V } from './rtds/ECS27.js';

describe('ECS27 4.15 read load limit data', () => {
  readCaseChecks(
    {
      title: 'ECS27 4.15 read load limit data',
      codec: ECS27,
      commands: [V.command],
      response: V.response,
      errorResponse: V.errorResponse,
      run: runEsme('4.15'),
      rtdsAnswer: (p) =>
        expect(p).toEqual({
          limiting: false,
          limitingEvents: 30,
          thresholdW: 6900,
          overThresholdS: 300,
          underThresholdS: 30,
        }),
      deviceAnswer: (p) => expect(p).toMatchObject({ limiting: false }),
    },
    it,
    () => '00-DB-12-34-56-78-90-A0' as never,
  );
});
