import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateUtrn, nodeCrypto, parseEui } from '../../protocol/index.js';
import { privateKeyFromPem, publicKeyFromPem } from '../../protocol/crypto/pem.js';
import { runCli } from '../support/cli.js';
import { TEST_PKI } from '../support/test-pki.js';

const base = (overrides: Record<string, string> = {}) => {
  const options: Record<string, string> = {
    '--originator': '90-B3-D5-1F-30-01-00-00',
    '--target': '00-DB-12-34-56-78-90-A0',
    '--counter': '0x100000000',
    '--value': '100',
    '--class': 'pounds',
    '--supplier-key': TEST_PKI('90b3d51f30010000-pp-ka.key'),
    '--device-cert': TEST_PKI('00db1234567890a0-ka.pem'),
    ...overrides,
  };
  return ['utrn', ...Object.entries(options).flat()];
};

describe('smetsim utrn', () => {
  it('prints the published example alone on stdout and exits 0', async () => {
    const result = await runCli(base());
    expect(result).toEqual({ code: 0, stdout: '73943333457189043313\n', stderr: '' });
  });

  it.each([
    ['0x200000000', '5', 'pennies', '00db1234567890a0-ka.pem', '00-DB-12-34-56-78-90-A0'],
    ['12884901888', '8191', 'pounds', '00db1234567890a0-ka.pem', '00-DB-12-34-56-78-90-A0'],
    ['0x7B00000000', '0', 'pennies', '00db1234567890a1-ka.pem', '00-DB-12-34-56-78-90-A1'],
  ])('agrees with the library for counter %s, value %s %s', async (counter, value, valueClass, cert, target) => {
    const result = await runCli(
      base({
        '--counter': counter,
        '--value': value,
        '--class': valueClass,
        '--device-cert': TEST_PKI(cert),
        '--target': target,
      }),
    );
    const expected = generateUtrn(
      nodeCrypto,
      privateKeyFromPem(readFileSync(TEST_PKI('90b3d51f30010000-pp-ka.key'), 'utf8')),
      publicKeyFromPem(readFileSync(TEST_PKI(cert), 'utf8')),
      {
        originator: parseEui('90-B3-D5-1F-30-01-00-00'),
        target: parseEui(target),
        counter: BigInt(counter),
        value: Number(value),
        valueClass: valueClass as 'pounds',
      },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${expected}\n`);
  });

  it.each([
    [{ '--target': '00-DB-12' }, /--target/],
    [{ '--counter': '0x100000001' }, /low 32 bits/],
    [{ '--counter': 'lots' }, /--counter/],
    [{ '--value': '9000' }, /0 to 8191/],
    [{ '--class': 'euros' }, /--class/],
    [{ '--supplier-key': '/nonexistent.key' }, /--supplier-key: cannot read/],
    [{ '--device-cert': TEST_PKI('90b3d51f30010000-pp-ka.key').replace('.key', '.nothing') }, /--device-cert/],
  ])('refuses %j with one line on stderr and a non-zero exit', async (overrides, message) => {
    const result = await runCli(base(overrides));
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('names a missing option', async () => {
    const result = await runCli(['utrn', '--originator', '90-B3-D5-1F-30-01-00-00']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/required option/);
  });
});
