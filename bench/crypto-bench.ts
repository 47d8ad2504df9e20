import { nobleCrypto, nodeCrypto, type CryptoProvider } from '../protocol/index.js';
import { measureRate, printRows, type BenchRow } from './measure.js';

/** Sign, verify and ECDH per second for both providers; the baseline is the noble provider. */
export function cryptoBench(seconds: number): BenchRow[] {
  const message = new Uint8Array(200).fill(0x5a);
  const rates = (provider: CryptoProvider) => {
    const key = provider.generateKeyPair();
    const peer = provider.generateKeyPair();
    const signature = provider.sign(key, message);
    return {
      sign: measureRate(() => provider.sign(key, message), seconds).perSecond,
      verify: measureRate(() => provider.verify(key.publicKey, message, signature), seconds).perSecond,
      ecdh: measureRate(() => provider.ecdh(key, peer.publicKey), seconds).perSecond,
    };
  };
  const node = rates(nodeCrypto);
  const noble = rates(nobleCrypto);
  const rows: BenchRow[] = (['sign', 'verify', 'ecdh'] as const).map((op) => ({
    name: `${op} (node/OpenSSL)`,
    value: node[op],
    unit: 'op/s',
    baselineName: `${op} (noble)`,
    baseline: noble[op],
  }));
  printRows('Crypto: ECDSA P-256 / ECDH, operations per second (ratio = node / noble)', rows);
  return rows;
}
