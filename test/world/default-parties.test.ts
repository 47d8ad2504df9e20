import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { euiToFileStem, formatEuiBytes, parseEui } from '../../protocol/index.js';
import { DCC_PARTIES } from '../../world/default-parties.js';
import { TEST_PKI } from '../support/test-pki.js';

/** x500UniqueIdentifier (OID 2.5.4.45) as DER: 06 03 55 04 2D, then a BIT STRING of 9 bytes (no unused bits) holding the EUI. */
const UNIQUE_ID = Buffer.from('0603' + '55042d' + '030900', 'hex');

function subjectOf(file: string): { eui: string; ou: string | undefined } {
  const cert = new X509Certificate(readFileSync(TEST_PKI(file)));
  const at = cert.raw.indexOf(UNIQUE_ID);
  if (at < 0) throw new Error(`${file}: no x500UniqueIdentifier`);
  const eui = formatEuiBytes(cert.raw.subarray(at + UNIQUE_ID.length, at + UNIQUE_ID.length + 8));
  return { eui, ou: /^OU=(\d+)$/m.exec(cert.subject)?.[1] };
}

/** GBCS remote party roles as the test PKI's OU carries them. */
describe('the DCC parties of the test environment match the test PKI certificates', () => {
  it.each([
    ['recovery', '01'],
    ['acb', '04'],
    ['transCoS', '05'],
  ] as const)('%s: its EUI is the certificate subject, with OU %s', (name, ou) => {
    const eui = parseEui(DCC_PARTIES[name]);
    const subject = subjectOf(`${euiToFileStem(eui)}-ds.pem`);
    expect(subject).toEqual({ eui, ou });
  });

  it('the Transitional CoS party is 90-B3-D5-1F-30-00-00-04 and Recovery 90-B3-D5-1F-30-00-00-01', () => {
    expect(subjectOf('90b3d51f30000004-ds.pem')).toEqual({ eui: DCC_PARTIES.transCoS, ou: '05' });
    expect(subjectOf('90b3d51f30000001-ds.pem')).toEqual({ eui: DCC_PARTIES.recovery, ou: '01' });
  });
});
