import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HEAD_END_USER } from '../smwan/credentials.js';
import { SmwanCa } from '../smwan/tls/smwan-ca.js';

/** What `--tls` leaves in its folder, for mosquitto, `mosquitto_sub` and other processes. */
export interface SmwanTlsFiles {
  readonly dir: string;
  readonly ca: SmwanCa;
  /** The CA certificate: what a broker or a client trusts (mosquitto `cafile`). */
  readonly caFile: string;
  /** A client certificate and key with the head-end's rights, for watching the SMWAN. */
  readonly observerCert: string;
  readonly observerKey: string;
}

/**
 * The SMWAN CA kept in a folder (`<data-dir>/tls`), so that a restart keeps the certificates a
 * watcher or an external broker was given. The first start creates it. The CA key is written
 * owner-only; this is a test harness's CA, never a real one.
 */
export async function loadOrCreateSmwanCa(dir: string): Promise<SmwanTlsFiles> {
  mkdirSync(dir, { recursive: true });
  const caFile = join(dir, 'ca.pem');
  const caKey = join(dir, 'ca.key');
  const ca =
    existsSync(caFile) && existsSync(caKey)
      ? await SmwanCa.fromPem({ cert: readFileSync(caFile, 'utf8'), key: readFileSync(caKey, 'utf8') })
      : await SmwanCa.create();
  if (!existsSync(caKey)) {
    const pem = await ca.toPem();
    writeFileSync(caKey, pem.key, { mode: 0o600 });
    writeFileSync(caFile, pem.cert);
  }
  const observerCert = join(dir, 'observer.pem');
  const observerKey = join(dir, 'observer.key');
  const observer = await ca.issueClient(HEAD_END_USER);
  writeFileSync(observerKey, observer.key, { mode: 0o600 });
  writeFileSync(observerCert, observer.cert);
  return { dir, ca, caFile, observerCert, observerKey };
}
