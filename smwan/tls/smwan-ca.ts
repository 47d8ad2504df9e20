import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

// @peculiar/x509 signs through WebCrypto; Node's own implementation, so no polyfill is needed. Its
// parameter is the DOM's Crypto type, which this project (lib ES2022, Node types) does not load;
// Node's webcrypto is that interface.
x509.cryptoProvider.set(webcrypto as never);

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

/** A TLS identity as PEM text: the CA that vouches for the peer, the certificate, its key. */
export interface TlsMaterial {
  readonly ca: string;
  readonly cert: string;
  readonly key: string;
}

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Certificates are valid from a day back, so that a virtual clock or a skewed host still accepts them. */
const BACKDATE_MS = DAY_MS;
const VALIDITY_MS = 365 * DAY_MS;

/**
 * The emulator's own certificate authority for MQTT over TLS on the SMWAN (issue 17). node:crypto
 * makes keys but not X.509 certificates, so @peculiar/x509 builds and signs them. The broker's
 * certificate names the hosts it listens on; a client's subject CN is its MQTT identity: the hub's
 * EUI, or `dcc-head-end`, which the broker maps to the same topic rights as a password login.
 *
 * Not the GBCS PKI: these keys protect the transport only, as a CSP's own TLS would. P-256 ECDSA,
 * one year, serials random. Emulator choices.
 */
export class SmwanCa {
  private constructor(
    private readonly keys: CryptoKeyPair,
    readonly certificate: x509.X509Certificate,
  ) {}

  static async create(name = 'smetsim SMWAN CA'): Promise<SmwanCa> {
    const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
    const now = Date.now();
    const certificate = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: randomSerial(),
      name: `CN=${name}`,
      notBefore: new Date(now - BACKDATE_MS),
      notAfter: new Date(now + VALIDITY_MS),
      keys,
      signingAlgorithm: ALGORITHM,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      ],
    });
    return new SmwanCa(keys, certificate);
  }

  /** A CA saved with `toPem`, for a fleet or broker process that issues its own hubs' certificates. */
  static async fromPem(pem: { readonly cert: string; readonly key: string }): Promise<SmwanCa> {
    const certificate = new x509.X509Certificate(pem.cert);
    const privateKey = await webcrypto.subtle.importKey('pkcs8', pemBody(pem.key), ALGORITHM, true, ['sign']);
    const publicKey = await certificate.publicKey.export(ALGORITHM, ['verify']);
    return new SmwanCa({ privateKey, publicKey }, certificate);
  }

  get caPem(): string {
    return this.certificate.toString('pem');
  }

  async toPem(): Promise<{ readonly cert: string; readonly key: string }> {
    return { cert: this.caPem, key: await exportKeyPem(this.keys.privateKey) };
  }

  /** The broker's certificate, for the hosts (DNS names or IP addresses) it is reached by. */
  issueServer(hosts: readonly string[] = ['127.0.0.1', 'localhost']): Promise<TlsMaterial> {
    const names = hosts.map((host) =>
      /^[\d.]+$|:/.test(host) ? { type: 'ip' as const, value: host } : { type: 'dns' as const, value: host },
    );
    return this.issue(hosts[0] ?? 'localhost', [
      new x509.SubjectAlternativeNameExtension(names),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
    ]);
  }

  /** A client's certificate: `identity` (a hub EUI or `dcc-head-end`) is its subject CN. */
  issueClient(identity: string): Promise<TlsMaterial> {
    return this.issue(identity, [new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth])]);
  }

  private async issue(commonName: string, extensions: x509.Extension[]): Promise<TlsMaterial> {
    const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
    const now = Date.now();
    const certificate = await x509.X509CertificateGenerator.create({
      serialNumber: randomSerial(),
      subject: `CN=${commonName}`,
      issuer: this.certificate.subject,
      notBefore: new Date(now - BACKDATE_MS),
      notAfter: new Date(now + VALIDITY_MS),
      publicKey: keys.publicKey,
      signingKey: this.keys.privateKey,
      signingAlgorithm: ALGORITHM,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        ...extensions,
      ],
    });
    return { ca: this.caPem, cert: certificate.toString('pem'), key: await exportKeyPem(keys.privateKey) };
  }
}

function randomSerial(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = bytes[0]! & 0x7f; // a positive INTEGER
  return Buffer.from(bytes).toString('hex');
}

async function exportKeyPem(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN PRIVATE KEY-----\n${lines.join('\n')}\n-----END PRIVATE KEY-----\n`;
}

function pemBody(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----(BEGIN|END) [A-Z ]+-----/g, '').replace(/\s+/g, ''), 'base64');
}
