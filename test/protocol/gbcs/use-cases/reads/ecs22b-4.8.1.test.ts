import { describe, expect, it } from 'vitest';
import { ECS22B } from '../../../../../protocol/gbcs/use-cases/reads/esme-core.js';
import { readCaseChecks, runEsme } from './read-case.js';
import { ECS22B as V } from './rtds/ECS22B.js';

describe('ECS22b 4.8.1 read active import profile data', () => {
  readCaseChecks(
    {
      title: 'ECS22b 4.8.1 read active import profile data',
      codec: ECS22B,
      commands: [V.command],
      response: V.response,
      errorResponse: V.errorResponse,
      run: runEsme('4.8.1'),
      rtdsAnswer: (p) => {
        const rows = (p as { halfHours: { start: number; units: number }[] }).halfHours;
        expect(rows[0]).toEqual({ start: Date.UTC(2014, 11, 31), units: 95 });
      },
      deviceAnswer: (p) => {
        // the RTDS asks for 2014-12-31 00:00 to 2015-01-01 00:00: 48 half-hours
        const rows = (p as { halfHours: { start: number; units: number }[] }).halfHours;
        expect(rows).toHaveLength(48);
        expect(rows[0]!.start).toBe(Date.UTC(2014, 11, 31));
        expect(rows.every((r) => r.units > 0)).toBe(true);
      },
    },
    it,
    () => '00-DB-12-34-56-78-90-A0' as never,
  );
});
