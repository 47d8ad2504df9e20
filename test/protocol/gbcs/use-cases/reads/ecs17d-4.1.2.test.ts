import { describe, expect, it } from 'vitest';
import { ECS17D } from '../../../../../protocol/gbcs/use-cases/reads/esme-more.js';
import { readCaseChecks, runEsme } from './read-case.js';
import { ECS17D as V } from './rtds/ECS17D.js';

describe('ECS17d 4.1.2 read import TOU registers', () => {
  readCaseChecks(
    {
      title: 'ECS17d 4.1.2 read import TOU registers',
      codec: ECS17D,
      commands: [V.command],
      response: V.response,
      errorResponse: V.errorResponse,
      run: runEsme('4.1.2'),
      rtdsAnswer: (p) => expect((p as { touWh: number[] }).touWh.slice(0, 3)).toEqual([81, 15, 176]),
      deviceAnswer: (p) => {
        const tou = (p as { touWh: number[] }).touWh;
        expect(tou).toHaveLength(48);
        expect(tou[0]).toBeGreaterThan(0);
      },
    },
    it,
    () => '00-DB-12-34-56-78-90-A0' as never,
  );
});
