import { describe, expect, it } from 'vitest';
import { ECS20B } from '../../../../../protocol/gbcs/use-cases/reads/esme-billing.js';
import { readCaseChecks, runEsme } from './read-case.js';
import { ECS20B as V } from './rtds/ECS20B.js';

describe('ECS20b 4.4.2 retrieve change of mode / tariff triggered billing data log', () => {
  readCaseChecks(
    {
      title: 'ECS20b 4.4.2 retrieve change of mode / tariff triggered billing data log',
      codec: ECS20B,
      commands: [V.command],
      response: V.response,
      errorResponse: V.errorResponse,
      run: runEsme('4.4.2'),
      rtdsAnswer: (p) => expect((p as { snapshots: unknown[] }).snapshots.length).toBeGreaterThan(0),
    },
    it,
    () => '00-DB-12-34-56-78-90-A0' as never,
  );
});
