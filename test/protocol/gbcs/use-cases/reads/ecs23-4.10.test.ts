import { describe, expect, it } from 'vitest';
import { ECS23 } from '../../../../../protocol/gbcs/use-cases/reads/esme-more.js';
import { readCaseChecks, runEsme } from './read-case.js';
import { ECS23 as V } from './rtds/ECS23.js';

describe('ECS23 4.10 read voltage', () => {
  readCaseChecks(
    {
      title: 'ECS23 4.10 read voltage',
      codec: ECS23,
      commands: [V.command],
      response: V.response,
      errorResponse: V.errorResponse,
      run: runEsme('4.10'),
      rtdsAnswer: (p) => expect(p).toMatchObject({ sags: 147, swells: 239, capturePeriodS: 3600 }),
      deviceAnswer: (p) => {
        const v = (p as { voltage: { volts: number }[] }).voltage;
        expect(v).toHaveLength(48);
        expect(v.every((x) => x.volts > 230 && x.volts <= 240)).toBe(true);
      },
    },
    it,
    () => '00-DB-12-34-56-78-90-A0' as never,
  );
});
