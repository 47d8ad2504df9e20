import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { runCli } from '../support/cli.js';
import { TEST_PKI_DIR } from '../support/test-pki.js';
import { ECS09_RESPONSE, ECS100_ALERT, ECS17B_RESPONSE } from '../protocol/gbcs/envelope/rtds-vectors.js';

// The RTDS ECS17b response (GBCS-FACTS §11) as an RTDS .HEX file; the test PKI holds its keys.
const dir = mkdtempSync(join(tmpdir(), 'smetsim-gbcs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const hexOf = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();

function hexFile(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, hexOf(bytes));
  return path;
}

function changed(bytes: Uint8Array, at: number): Uint8Array {
  const out = Uint8Array.from(bytes);
  out[at]! ^= 0x01;
  return out;
}

describe('smetsim gbcs decode', () => {
  it('prints the grouping header, the decrypted register values and MAC: valid, and exits 0', async () => {
    const result = await runCli(['gbcs', 'decode', hexFile('ecs17b.HEX', ECS17B_RESPONSE), '--keys', TEST_PKI_DIR]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    for (const line of [
      'CRA flag: 02 (response)',
      'originator counter: 00000000000003E8 (1000)',
      'originator system title: 00DB1234567890A0 (00-DB-12-34-56-78-90-A0)',
      'recipient system title: 90B3D51F30010000 (90-B3-D5-1F-30-01-00-00)',
      'date-time: 07DF0101FF000000008000FF (2015-01-01 00:00:00.00',
      'message code: 0027 (ECS17b; payload dlms; device ESME)',
      'Decrypted data[0][1]: valid',
      '[0]: double-long-unsigned 0000000A (10)',
      'MAC: valid',
      'Signature: none (unsigned)',
    ])
      expect(result.stdout).toContain(line);
  });

  it('takes the hex itself as the argument, and says the MAC was not checked without --keys', async () => {
    const result = await runCli(['gbcs', 'decode', hexOf(ECS17B_RESPONSE)]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('MAC: not checked (no --keys given)');
    expect(result.stdout).toContain('Decrypted data[0][1]: not checked (no --keys given)');
  });

  it('shows an alert with its code and the supplementary remote party; a signature it has no key for is not checked', async () => {
    const result = await runCli(['gbcs', 'decode', hexOf(ECS100_ALERT), '--keys', TEST_PKI_DIR]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('alert: 8F85, at 2015-01-01 00:00:00.00');
    expect(result.stdout).toContain('supplementary remote party: 90B3D51F30010000 (90-B3-D5-1F-30-01-00-00)');
    expect(result.stdout).toContain(
      'Signature: not checked (no DS certificate for the originator 00-DB-12-34-56-78-90-A6)',
    );
  });

  it('exits 1 when one byte of the MAC is changed', async () => {
    const result = await runCli(['gbcs', 'decode', hexOf(changed(ECS17B_RESPONSE, 175)), '--keys', TEST_PKI_DIR]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('MAC: invalid');
  });

  it('exits 1 when a signed response is changed, and says the signature is invalid', async () => {
    const result = await runCli(['gbcs', 'decode', hexOf(changed(ECS09_RESPONSE, 45)), '--keys', TEST_PKI_DIR]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Signature: invalid');
  });

  it('exits 2 and says where and why when the bytes do not decode', async () => {
    const bytes = Uint8Array.from(ECS17B_RESPONSE);
    bytes[16] = 0x07; // the CRA flag
    const result = await runCli(['gbcs', 'decode', hexOf(bytes)]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/does not decode: CRA flag 0x07 .*\(at byte 16, grouping\.cra-flag\)/);
  });

  it('prints JSON with --json: bytes as hex, counters as decimal strings, the checks and the plaintext', async () => {
    const result = await runCli(['gbcs', 'decode', hexOf(ECS17B_RESPONSE), '--json', '--keys', TEST_PKI_DIR]);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as {
      message: { kind: string; mac: string; signing: { header: { counter: string; otherInformation: object } } };
      checks: { mac: { status: string } };
      decrypted: { plaintext: string }[];
    };
    expect(json.message.kind).toBe('ciphering');
    expect(json.message.mac).toBe('486AF3DF46ACBC45A5217E08');
    expect(json.message.signing.header.counter).toBe('1000');
    expect(json.message.signing.header.otherInformation).toEqual({ form: 'plain', messageCode: 0x27 });
    expect(json.checks.mac.status).toBe('valid');
    expect(json.decrypted[0]?.plaintext).toBe('02010204060000000A02020F00161E060000000A02020F001620');
  });

  it('refuses an argument that is neither a file nor hex, and a keystore folder that does not exist', async () => {
    const notHex = await runCli(['gbcs', 'decode', 'not-a-message']);
    expect(notHex.code).toBe(2);
    expect(notHex.stderr).toMatch(/neither a file nor GBCS hex/);
    const noKeys = await runCli(['gbcs', 'decode', hexOf(ECS17B_RESPONSE), '--keys', join(dir, 'missing')]);
    expect(noKeys.code).not.toBe(0);
    expect(noKeys.stderr).toMatch(/--keys: cannot read/);
  });
});
