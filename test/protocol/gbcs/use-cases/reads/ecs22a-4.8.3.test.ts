import { describe, expect, it } from 'vitest';
import { ECS22A } from '../../../../../protocol/gbcs/use-cases/reads/esme-more.js';
import { readCaseChecks, runEsme } from './read-case.js';
import { ECS22A as V } from './rtds/ECS22A.js';

describe('ECS22a 4.8.3 read reactive import profile data', () => {
  readCaseChecks(
    {
      title: 'ECS22a 4.8.3 read reactive import profile data',
      codec: ECS22A,
      commands: [V.command],
      response: V.response,
      errorResponse: V.errorResponse,
      run: runEsme('4.8.3'),
      rtdsAnswer: (p) => expect((p as { halfHours: { importVarh: number }[] }).halfHours[0]!.importVarh).toBe(81),
      deviceAnswer: (p) => expect((p as { halfHours: unknown[] }).halfHours).toHaveLength(48),
    },
    it,
    () => '00-DB-12-34-56-78-90-A0' as never,
  );
});
