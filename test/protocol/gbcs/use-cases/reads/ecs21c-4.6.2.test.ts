import { describe, expect, it } from 'vitest';
import { ECS21C } from '../../../../../protocol/gbcs/use-cases/reads/esme-more.js';
import { readCaseChecks, runEsme } from './read-case.js';
import { ECS21C as V } from './rtds/ECS21C.js';

describe('ECS21c 4.6.2 retrieve export daily read log', () => {
  readCaseChecks(
    {
      title: 'ECS21c 4.6.2 retrieve export daily read log',
      codec: ECS21C,
      commands: [V.command],
      response: V.response,
      errorResponse: V.errorResponse,
      run: runEsme('4.6.2'),
      rtdsAnswer: (p) => expect((p as { days: { units: number }[] }).days[0]!.units).toBe(10),
    },
    it,
    () => '00-DB-12-34-56-78-90-A0' as never,
  );
});
