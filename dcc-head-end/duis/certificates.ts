import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEui, type Eui64 } from '../../protocol/index.js';
import { DuisDoorError } from './door-error.js';
import { referenceDir } from './schema.js';

/**
 * An XML-signing certificate (DUIS; FACTS.md, DUIS: distinct from the GBCS `-ds` ones). Its
 * subject carries the party's EUI-64 as x500UniqueIdentifier, as the DCC test certificates do.
 */
export interface XmlSigningCertificate {
  readonly eui: Eui64;
  /** Decimal, as X509SerialNumber carries it. */
  readonly serial: string;
  /** RFC 2253 form, as X509IssuerName carries it: `CN=Z1,OU=07`. */
  readonly issuer: string;
  readonly publicKey: KeyObject;
  readonly notBefore: number;
  readonly notAfter: number;
  readonly source: string;
}

/** The DSP's XML-signing identity: signs everything the DCC sends (DUIS). */
export interface DspSigner {
  readonly certificate: XmlSigningCertificate;
  readonly privateKey: KeyObject;
}

/** The DCC test environment's DSP XML-signing key, the one SmartDCC's signing tool trusts. */
export const DSP_KEY_STEM = 'dsp-xml-sign-90B3D51F30000002-ds';

// x500UniqueIdentifier (2.5.4.45) as a BIT STRING of 9 bytes: no unused bits, then the EUI.
const UID_PREFIX = Buffer.from([0x06, 0x03, 0x55, 0x04, 0x2d, 0x03, 0x09, 0x00]);

export function readCertificate(pem: Buffer | string, source: string): XmlSigningCertificate {
  const x509 = new X509Certificate(pem);
  const raw = x509.raw;
  const at = raw.indexOf(UID_PREFIX);
  if (at === -1 || raw.indexOf(UID_PREFIX, at + 1) !== -1)
    throw new Error(`${source}: the subject must carry one x500UniqueIdentifier holding the party's EUI-64`);
  const eui = parseEui(raw.subarray(at + UID_PREFIX.length, at + UID_PREFIX.length + 8).toString('hex'));
  return {
    eui,
    serial: BigInt(`0x${x509.serialNumber}`).toString(10),
    // Node lists the issuer's RDNs in certificate order, one a line; RFC 2253 writes them reversed.
    issuer: normaliseDn(x509.issuer.split('\n').reverse().join(',')),
    publicKey: x509.publicKey,
    notBefore: Date.parse(x509.validFrom),
    notAfter: Date.parse(x509.validTo),
    source,
  };
}

/**
 * `CN=U1, OU=07` and `cn=U1,OU=07` name the same issuer. Emulator choice: no escaped commas or
 * multi-valued RDNs, which no DCC test certificate uses.
 */
export function normaliseDn(dn: string): string {
  return dn
    .split(',')
    .map((rdn) => {
      const eq = rdn.indexOf('=');
      return eq === -1 ? rdn.trim() : `${rdn.slice(0, eq).trim().toUpperCase()}=${rdn.slice(eq + 1).trim()}`;
    })
    .join(',');
}

/** The registered parties' XML-signing certificates, looked up by X509IssuerSerial. */
export class XmlSigningCertificates {
  private readonly bySerial = new Map<string, XmlSigningCertificate[]>();

  constructor(certificates: readonly XmlSigningCertificate[] = []) {
    for (const c of certificates) this.add(c);
  }

  /** Every certificate (`*.pem` that is a certificate) in each folder that exists. */
  static fromDirs(dirs: readonly string[]): XmlSigningCertificates {
    const store = new XmlSigningCertificates();
    for (const dir of dirs) {
      if (!existsSync(dir)) continue;
      for (const name of readdirSync(dir).sort()) {
        if (!name.endsWith('.pem')) continue;
        const pem = readFileSync(join(dir, name));
        if (!pem.includes('BEGIN CERTIFICATE')) continue;
        store.add(readCertificate(pem, join(dir, name)));
      }
    }
    return store;
  }

  add(certificate: XmlSigningCertificate): void {
    const list = this.bySerial.get(certificate.serial) ?? [];
    if (!list.some((c) => c.issuer === certificate.issuer)) list.push(certificate);
    this.bySerial.set(certificate.serial, list);
  }

  list(): XmlSigningCertificate[] {
    return [...this.bySerial.values()].flat();
  }

  /** The certificate X509IssuerSerial names, valid at `now`; CERTIFICATE_UNKNOWN / _EXPIRED otherwise. */
  lookup(issuerName: string, serialText: string, now: number): XmlSigningCertificate {
    const serial = /^\d{1,60}$/.test(serialText.trim()) ? BigInt(serialText.trim()).toString(10) : undefined;
    const issuer = normaliseDn(issuerName);
    const found = serial === undefined ? undefined : this.bySerial.get(serial)?.find((c) => c.issuer === issuer);
    if (!found)
      throw new DuisDoorError(
        'CERTIFICATE_UNKNOWN',
        `no XML-signing certificate of a registered party has issuer "${issuerName}" and serial ${serialText}`,
        'KeyInfo',
      );
    if (now < found.notBefore || now > found.notAfter)
      throw new DuisDoorError(
        'CERTIFICATE_EXPIRED',
        `the XML-signing certificate ${found.serial} of ${found.eui} is valid from ${new Date(found.notBefore).toISOString()} to ${new Date(found.notAfter).toISOString()}`,
        'KeyInfo',
      );
    return found;
  }
}

/** The DCC test certificates and keys shipped in reference/duis-xml-signing/ (DCC's published test keys). */
export function testXmlSigningDir(): string {
  return referenceDir('duis-xml-signing');
}

/** `<stem>.pem` and `<stem>.key` (PKCS#8 DER) from a folder. */
export function loadSigner(dir: string, stem: string = DSP_KEY_STEM): DspSigner {
  const certificate = readCertificate(readFileSync(join(dir, `${stem}.pem`)), join(dir, `${stem}.pem`));
  const privateKey = createPrivateKey({ key: readFileSync(join(dir, `${stem}.key`)), format: 'der', type: 'pkcs8' });
  return { certificate, privateKey };
}
