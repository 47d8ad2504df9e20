import { describe, expect, it } from 'vitest';
import { GCS61 } from '../../../../../protocol/gbcs/use-cases/reads/gsme-core.js';
import { readCaseChecks, runGsme } from './read-case.js';
import { GCS61 as V } from './rtds/GCS61.js';

describe('GCS61 4.17 retrieve gas daily consumption log', () => {
  readCaseChecks(
    {
      title: 'GCS61 4.17 retrieve gas daily consumption log',
      codec: GCS61,
      commands: [V.command],
      response: V.response,

      run: runGsme('4.17'),
      rtdsAnswer: (p) => expect((p as { days: unknown[] }).days).toHaveLength(11),
      body: () => ({ from: Date.UTC(2026, 10, 20), to: Date.UTC(2026, 10, 31) }),
    },
    it,
    () => '00-DB-12-34-56-78-90-A0' as never,
  );
});
