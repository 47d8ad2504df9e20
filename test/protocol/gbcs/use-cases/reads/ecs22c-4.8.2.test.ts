import { describe, expect, it } from 'vitest';
import { ECS22C } from '../../../../../protocol/gbcs/use-cases/reads/esme-more.js';
import { readCaseChecks, runEsme } from './read-case.js';
import { ECS22C as V } from './rtds/ECS22C.js';

describe('ECS22c 4.8.2 read active export profile data', () => {
  readCaseChecks(
    {
      title: 'ECS22c 4.8.2 read active export profile data',
      codec: ECS22C,
      commands: [V.command],
      response: V.response,
      errorResponse: V.errorResponse,
      run: runEsme('4.8.2'),
      rtdsAnswer: (p) => expect((p as { halfHours: { units: number }[] }).halfHours[0]!.units).toBe(95),
      deviceAnswer: (p) => expect((p as { halfHours: unknown[] }).halfHours).toHaveLength(48),
    },
    it,
    () => '00-DB-12-34-56-78-90-A0' as never,
  );
});
