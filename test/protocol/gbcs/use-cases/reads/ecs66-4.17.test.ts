import { describe, expect, it } from 'vitest';
import { ECS66 } from '../../../../../protocol/gbcs/use-cases/reads/esme-core.js';
import { readCaseChecks, runEsme } from './read-case.js';
import { ECS66 as V } from './rtds/ECS66.js';

describe('ECS66 4.17 retrieve daily consumption log', () => {
  readCaseChecks(
    {
      title: 'ECS66 4.17 retrieve daily consumption log',
      codec: ECS66,
      commands: [V.command],
      response: V.response,
      errorResponse: V.errorResponse,
      run: runEsme('4.17'),
      rtdsAnswer: (p) => expect((p as { days: unknown[] }).days).toHaveLength(4),
      deviceAnswer: (p) => {
        // the RTDS asks for 2014-12-01 09:00 to 2014-12-05 11:05: the days starting 2, 3, 4 and 5 December
        const days = (p as { days: { day: number; units: number }[] }).days;
        expect(days.map((d) => d.day)).toEqual([2, 3, 4, 5].map((d) => Date.UTC(2014, 11, d)));
      },
    },
    it,
    () => '00-DB-12-34-56-78-90-A0' as never,
  );
});
