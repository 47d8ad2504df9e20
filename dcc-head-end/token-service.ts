import {
  generateUtrn,
  privateKeyFromScalar,
  type CryptoProvider,
  type EcPrivateKey,
  type EcPublicKey,
  type Eui64,
  type UtrnValueClass,
} from '../protocol/index.js';
import { GatewayError } from './duis-error.js';
import type { DurableCounters } from './durable-counters.js';
import type { Db } from './storage/database.js';

/**
 * The DCC's prepayment token service (BPM 02.03): on a supplier's SR 2.2 it makes the GBCS UTRN.
 * Emulator choice: the DCC holds each supplier's prepayment key-agreement *private* key, handed
 * over when the supplier is set up (the real arrangement between a supplier and the DCC's token
 * service is outside the facts). The UTRN counter is per supplier and per meter, durable, and
 * only rises.
 */
export class TokenService {
  constructor(
    private readonly db: Db,
    private readonly counters: DurableCounters,
    private readonly crypto: CryptoProvider,
  ) {}

  /** Hold a supplier's prepayment key (idempotent). */
  holdKey(supplier: Eui64, key: EcPrivateKey): void {
    this.db
      .prepare(
        'INSERT INTO token_keys (supplier, pp_private) VALUES (?, ?) ON CONFLICT (supplier) DO UPDATE SET pp_private = excluded.pp_private',
      )
      .run(supplier, Buffer.from(key.scalar));
  }

  holds(supplier: Eui64): boolean {
    return this.db.prepare('SELECT 1 FROM token_keys WHERE supplier = ?').get(supplier) !== undefined;
  }

  /** A fresh UTRN for `value` of `valueClass`, from `supplier` to the meter with KA key `meterKa`. */
  issue(
    supplier: Eui64,
    meter: Eui64,
    meterKa: EcPublicKey,
    value: number,
    valueClass: UtrnValueClass,
  ): { utrn: string; counter: bigint } {
    const row = this.db.prepare('SELECT pp_private FROM token_keys WHERE supplier = ?').get(supplier) as
      { pp_private: Buffer } | undefined;
    // Not E3: the party's status is fine. No DUIS code fits, because the real DCC holds no
    // supplier's prepayment private key (that is this emulator's choice, above); FACTS and
    // reference/duis/DUIS-CODES.md list none for it. So it gets a gateway code of its own, 422:
    // the request is well formed, but this DCC cannot make the UTRN it asks for.
    if (!row)
      throw new GatewayError(
        'NO_PREPAYMENT_KEY',
        `the DCC token service holds no prepayment key for ${supplier}: send a UTRN you made in body.utrn, or have the key registered`,
        422,
        'body',
      );
    // The UTRN counter is the top 32 bits of a 64-bit counter whose low 32 bits are zero.
    const n = this.counters.next(`utrn:${supplier}:${meter}`);
    const counter = n << 32n;
    const utrn = generateUtrn(this.crypto, privateKeyFromScalar(row.pp_private), meterKa, {
      originator: supplier,
      target: meter,
      counter,
      value,
      valueClass,
    });
    return { utrn, counter };
  }
}
