import { describe, expect, it } from 'vitest';
import { ECS20C } from '../../../../../protocol/gbcs/use-cases/reads/esme-billing.js';
import { readCaseChecks, runEsme } from './read-case.js';
import { ECS20C as V } from './rtds/ECS20C.js';

describe('ECS20c 4.4.3 retrieve billing calendar triggered billing data log', () => {
  readCaseChecks(
    {
      title: 'ECS20c 4.4.3 retrieve billing calendar triggered billing data log',
      codec: ECS20C,
      commands: [V.command],
      response: V.response,
      errorResponse: V.errorResponse,
      run: runEsme('4.4.3'),
      rtdsAnswer: (p) => expect((p as { snapshots: unknown[] }).snapshots.length).toBeGreaterThan(0),
      deviceAnswer: (p) => {
        // the RTDS asks for 2014-11-02 09:00 to 2015-03-01 09:00: the firsts of December to March
        const at = (p as { snapshots: { at: number }[] }).snapshots.map((s) => s.at);
        expect(at).toEqual([Date.UTC(2014, 11, 1), Date.UTC(2015, 0, 1), Date.UTC(2015, 1, 1), Date.UTC(2015, 2, 1)]);
      },
    },
    it,
    () => '00-DB-12-34-56-78-90-A0' as never,
  );
});
