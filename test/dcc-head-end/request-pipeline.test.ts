import { describe, expect, it } from 'vitest';
import { SERVICE_REQUESTS } from '../../protocol/index.js';
import { REQUEST_PIPELINE } from '../../dcc-head-end/pipeline/request-pipeline.js';
import { RESPONSE_PIPELINE } from '../../dcc-head-end/pipeline/response-pipeline.js';
import { commandVariantsFor } from '../../dcc-head-end/pipeline/access/command-variant.js';
import { allowedCommandVariants } from '../../protocol/index.js';
import { SR_TABLE } from '../../dcc-head-end/service-request-table.js';
import { INSTALL_PHASE_SRS, NO_TARGET_SRS } from '../../dcc-head-end/sr-targets.js';

/** The request path reads as one list (design BRIEF: Data paths; issue 11 §1). */
describe('the request and response pipelines', () => {
  it('runs the steps in the order DUIS and the brief give, after validate and authenticate', () => {
    expect(REQUEST_PIPELINE.map((s) => s.name)).toEqual([
      'request counter',
      'party status (E3)',
      'user and role (E1)',
      'role against the SR catalogue (E2)',
      'target device (E19, E5, E11)',
      'command variant (E12)',
      'registration on the date (E4)',
      'DCC answers (variant 8)',
      'replacement hold (SEC §148)',
      'build the command',
      'pre-command (variant 4)',
      'sign (supplier, CoS for 6.23, ACB)',
      'store',
      'publish to the hub',
      'acknowledge',
    ]);
  });

  it('takes a frame from the hub through decode, verify, correlate, deliver, or a fresh counter and route', () => {
    expect(RESPONSE_PIPELINE.map((s) => s.name)).toEqual([
      'decode',
      'verify the device signature',
      'correlate with the request',
      'deliver to the inbox',
      'a fresh alert counter',
      'route the alert',
    ]);
  });

  it('allows the same command variants as the catalogue for every SR', () => {
    for (const sr of SERVICE_REQUESTS) expect(commandVariantsFor(sr)).toEqual(allowedCommandVariants(sr));
  });
});

/** Issue 11 §2: each SR's DCC-side behaviour is one entry of one table. */
describe('the SR table', () => {
  it('names only SRs of the catalogue', () => {
    const known = new Set<string>(SERVICE_REQUESTS.map((sr) => sr.variant));
    expect(Object.keys(SR_TABLE).filter((variant) => !known.has(variant))).toEqual([]);
  });

  it('gives 6.23 the Transitional CoS signature and an answer hook, 2.2 its payload and records', () => {
    expect(SR_TABLE['6.23']).toMatchObject({ signer: 'TransitionalCoS', installPhase: true });
    expect(typeof SR_TABLE['6.23']?.afterAnswer).toBe('function');
    expect(typeof SR_TABLE['2.2']?.payload).toBe('function');
    expect(SR_TABLE['2.2']?.records?.({ utrn: '12345678901234567890' })).toEqual({ utrn: '12345678901234567890' });
  });

  it('answers variant 8 only for non-device SRs, and derives the install-phase and no-target sets', () => {
    for (const [variant, entry] of Object.entries(SR_TABLE)) {
      const sr = SERVICE_REQUESTS.find((s) => s.variant === variant)!;
      if (entry.answer) expect(sr.nonDevice, variant).toBe(true);
      if (entry.noTarget) expect(sr.nonDevice, variant).toBe(true);
    }
    expect([...INSTALL_PHASE_SRS].sort()).toEqual(
      [
        '6.20.1',
        '6.20.2',
        '8.1.1',
        '8.7.1',
        '8.7.2',
        '8.11',
        '8.9',
        '6.2.4',
        '6.2.7',
        '11.2',
        '6.11',
        '6.15.2',
        '6.23',
      ].sort(),
    );
    expect([...NO_TARGET_SRS].sort()).toEqual(['12.1', '12.2', '5.2', '5.3', '8.6'].sort());
  });
});
