import { describe, expect, it } from 'vitest';
import { runDeviceCase } from '../../conformance/device-case.js';
import { loadTestPki } from '../../world/test-pki-keystore.js';
import { ECS09_COMMAND, ECS09_RESPONSE, ECS17B_RESPONSE } from '../protocol/gbcs/envelope/rtds-vectors.js';
import { TEST_PKI_DIR } from '../support/test-pki.js';

// The project's copy of the test PKI (reference/test-pki) and RTDS 4.5.0 messages as annotated hex:
// no ../shared needed.
const pki = loadTestPki(TEST_PKI_DIR);
const FILE = '2.5_ECS09/ECS09_2.5_SUCCESS_COMMAND_GBCS.HEX';

describe('issue 13 §4: ECS09 2.5 activate emergency credit, replayed from the RTDS to our ESME', () => {
  it('is accepted and executed, and answered with the RTDS response’s use case, shape and outcome (device-signed: shape-only)', async () => {
    const result = await runDeviceCase(FILE, 'ECS09', ECS09_COMMAND, ECS09_RESPONSE, pki);
    expect(result.why).toEqual([]);
    expect(result).toMatchObject({ accepted: true, executed: true, matches: true, shapeOnly: true });
  });

  it('does not match a response of another use case, and says why', async () => {
    const result = await runDeviceCase(FILE, 'ECS09', ECS09_COMMAND, ECS17B_RESPONSE, pki);
    expect(result.matches).toBe(false);
    expect(result.why.join('; ')).toContain('message code 0x0020, RTDS 0x0027');
  });

  it('a command whose bytes were changed is not accepted (the MAC no longer verifies)', async () => {
    const tampered = Uint8Array.from(ECS09_COMMAND);
    tampered[tampered.length - 1]! ^= 0x01;
    const result = await runDeviceCase(FILE, 'ECS09', tampered, ECS09_RESPONSE, pki);
    expect(result.accepted).toBe(false);
    expect(result.matches).toBe(false);
  });
});
