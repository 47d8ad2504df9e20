import { describe, expect, it } from 'vitest';
import { ECS17B } from '../../../../../protocol/gbcs/use-cases/reads/esme-core.js';
import { readCaseChecks, runEsme } from './read-case.js';
import { ECS17B as V } from './rtds/ECS17B.js';

describe('ECS17b 4.1.1 read import energy registers', () => {
  const run = runEsme('4.1.1');
  readCaseChecks(
    {
      title: 'ECS17b',
      codec: ECS17B,
      commands: [V.command, V.command2],
      response: V.response,
      errorResponse: V.errorResponse,
      rtdsAnswer: (p) => expect(p).toEqual({ importWh: 10, importVarh: 10 }),
      run,
      deviceAnswer: (p, handler) => {
        expect((p as { importWh: number }).importWh).toBeGreaterThan(0);
        expect((p as { importWh: number }).importWh).toBe(Math.round((handler as { importWh: number }).importWh));
      },
    },
    it,
    () => '00-DB-12-34-56-78-90-A0' as never,
  );
  it('is an encrypted response (GBCS-FACTS §6.5)', () => expect(ECS17B.encryptedResponse).toBe(true));
});
