import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  accessFor,
  allowedCommandVariants,
  findServiceRequest,
  isServiceReferenceVariant,
  SERVICE_REQUESTS,
  serviceRequest,
  USER_ROLE_CODES,
  ValidationError,
} from '../../protocol/index.js';

describe('service-request catalogue (reference/service-requests.csv)', () => {
  it('holds the 129 variants of the catalogue, each once', () => {
    expect(SERVICE_REQUESTS).toHaveLength(129);
    expect(new Set(SERVICE_REQUESTS.map((sr) => sr.variant)).size).toBe(129);
  });

  it('is the committed output of the generator for the committed CSV', () => {
    const out = execFileSync(process.execPath, ['scripts/generate-catalogue.mjs', '--check'], { encoding: 'utf8' });
    expect(out).toContain('up to date');
  });

  it('keeps the flags of known variants', () => {
    expect(serviceRequest('2.2')).toMatchObject({
      name: 'Top Up Device',
      critical: false,
      eligibleRoles: ['IS', 'GS'],
    });
    expect(serviceRequest('6.23')).toMatchObject({ critical: false, futureDated: 'DSP & Device' });
    expect(serviceRequest('8.2')).toMatchObject({ nonDevice: true });
    expect(findServiceRequest('99.9')).toBeUndefined();
    expect(() => serviceRequest('99.9')).toThrow(ValidationError);
    expect(isServiceReferenceVariant('4.1.1')).toBe(true);
  });

  it('derives an access type for every (variant, role) pair from the eligible roles alone', () => {
    const expected = { IS: 'A', ES: 'A', GS: 'A', ED: 'B', GT: 'B', OU: 'C', RSA: 'RSA' } as const;
    let cells = 0;
    for (const sr of SERVICE_REQUESTS) {
      for (const role of USER_ROLE_CODES) {
        const eligible = (sr.eligibleRoles as readonly string[]).includes(role);
        expect(accessFor(sr, role)).toBe(eligible ? expected[role] : undefined);
        cells++;
      }
    }
    expect(cells).toBe(129 * 7);
  });

  it('allows command variants by the critical and non-device flags', () => {
    for (const sr of SERVICE_REQUESTS) {
      const variants = allowedCommandVariants(sr);
      if (sr.nonDevice) expect(variants).toEqual([8]);
      else if (sr.critical) expect(variants).toEqual([4, 5, 6, 7]);
      else expect(variants).toEqual([1, 2, 3]);
    }
  });
});
