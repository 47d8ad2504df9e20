import { describe, expect, it } from 'vitest';
import { useCaseFor } from '../../../../../protocol/gbcs/use-cases/index.js';
import { ECS23, ECS23B } from '../../../../../protocol/gbcs/use-cases/reads/esme-more.js';
import { readCaseChecks, runEsme } from './read-case.js';
import { ECS23B as V } from './rtds/ECS23B.js';

describe('ECS23b 4.10 read network data (polyphase voltage)', () => {
  readCaseChecks(
    {
      title: 'ECS23b 4.10 read network data (polyphase voltage)',
      codec: ECS23B,
      commands: [V.command],
      response: V.response,
      errorResponse: V.errorResponse,
      run: runEsme('4.10'),
      rtdsAnswer: (p) => expect((p as { phases: unknown[] }).phases).toHaveLength(3),
      deviceAnswer: (p) => expect((p as { phases: { voltage: unknown[] }[] }).phases[2]!.voltage).toHaveLength(48),
    },
    it,
    () => '00-DB-12-34-56-78-90-A0' as never,
  );
  it('the head-end picks ECS23b for a polyphase body and ECS23 otherwise', () => {
    expect(useCaseFor('4.10', 'ESME', { phases: 3 })?.useCase).toBe('ECS23b');
    expect(useCaseFor('4.10', 'ESME', null)).toBe(ECS23);
  });
});
