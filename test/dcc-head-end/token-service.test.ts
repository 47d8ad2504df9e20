import { describe, expect, it } from 'vitest';
import { nodeCrypto, parseEui } from '../../protocol/index.js';
import { GatewayError } from '../../dcc-head-end/duis-error.js';
import { DurableCounters } from '../../dcc-head-end/durable-counters.js';
import { openDatabase } from '../../dcc-head-end/storage/database.js';
import { TokenService } from '../../dcc-head-end/token-service.js';

const SUPPLIER = parseEui('90-B3-D5-1F-30-01-00-00');
const METER = parseEui('00-DB-12-00-00-00-01-03');

/** BPM 02.03: the DCC's token service makes the UTRN with the supplier's prepayment key. */
describe('token service', () => {
  const db = openDatabase('memory');
  const tokens = new TokenService(db, new DurableCounters(db), nodeCrypto);
  const meterKa = nodeCrypto.generateKeyPair().publicKey;

  it('without the supplier prepayment key: NO_PREPAYMENT_KEY (422), not E3 (the party status is fine)', () => {
    let caught: unknown;
    try {
      tokens.issue(SUPPLIER, METER, meterKa, 10, 'pounds');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(GatewayError);
    expect(caught).toMatchObject({ code: 'NO_PREPAYMENT_KEY', status: 422, field: 'body' });
    expect((caught as GatewayError).duis).toBeUndefined();
  });

  it('with the key held: a 20-digit UTRN whose counter rises per supplier and meter', () => {
    tokens.holdKey(SUPPLIER, nodeCrypto.generateKeyPair());
    const first = tokens.issue(SUPPLIER, METER, meterKa, 10, 'pounds');
    const second = tokens.issue(SUPPLIER, METER, meterKa, 10, 'pounds');
    expect(first.utrn).toMatch(/^\d{20}$/);
    expect(second.counter > first.counter).toBe(true);
  });
});
