import { describe, expect, it } from 'vitest';
import { ECS21A } from '../../../../../protocol/gbcs/use-cases/reads/esme-more.js';
import { readCaseChecks, runEsme } from './read-case.js';
import { ECS21A as V } from './rtds/ECS21A.js';

describe('ECS21a 4.6.1 retrieve import daily read log', () => {
  readCaseChecks(
    {
      title: 'ECS21a 4.6.1 retrieve import daily read log',
      codec: ECS21A,
      commands: [V.command],
      response: V.response,
      errorResponse: V.errorResponse,
      run: runEsme('4.6.1'),
      rtdsAnswer: (p) => expect((p as { days: { importWh: number }[] }).days[0]!.importWh).toBe(10435000),
      deviceAnswer: (p) => expect((p as { days: unknown[] }).days).toHaveLength(2),
    },
    it,
    () => '00-DB-12-34-56-78-90-A0' as never,
  );
});
