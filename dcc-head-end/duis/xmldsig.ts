import { createHash, sign as ecdsaSign, verify as ecdsaVerify } from 'node:crypto';
import { XmlC14NMode, XmlDocument, XmlElement, type XmlNode } from 'libxml2-wasm';
import { DuisDoorError } from './door-error.js';
import type { DspSigner, XmlSigningCertificate, XmlSigningCertificates } from './certificates.js';

/**
 * XMLDSig as DUIS uses it (FACTS.md, DUIS), and nothing else: one enveloped signature, a child
 * of the root, over `URI=""`; SignedInfo canonicalised with exclusive C14N; SHA-256 digest;
 * ECDSA P-256 with SHA-256, the SignatureValue a raw 64-byte r‖s (IEEE P1363); the key named by
 * KeyInfo/X509Data/X509IssuerSerial. Anything outside this profile is refused, which also keeps
 * out signature-wrapping tricks (a second Signature, a Reference to another node).
 *
 * Implemented here with libxml2's own C14N (the one xmlsec uses) and Node's crypto, rather than
 * a general XMLDSig library: the profile is small and closed, so a general library would add
 * algorithms and reference forms we must refuse anyway.
 */
export const DS = 'http://www.w3.org/2000/09/xmldsig#';
export const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
export const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
export const ECDSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256';
export const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';
const NS = { ds: DS };
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function profile(message: string): DuisDoorError {
  return new DuisDoorError('SIGNATURE_PROFILE', `the ds:Signature is not the DUIS profile: ${message}`, 'Signature');
}

function one(context: XmlNode, xpath: string, what: string): XmlElement {
  const found = context.find(xpath, NS);
  const only = found[0];
  if (found.length !== 1 || !(only instanceof XmlElement)) throw profile(`it needs exactly one ${what}`);
  return only;
}

function algorithm(element: XmlElement, expected: string, what: string): void {
  const value = element.attr('Algorithm')?.value;
  if (value !== expected) throw profile(`${what} must be ${expected}, not ${value ?? 'absent'}`);
}

function base64(text: string, what: string): Buffer {
  // The signing tool wraps its base64 at 76 characters with CR LF (&#13;): whitespace is not data.
  const compact = text.replace(/\s+/g, '');
  if (!BASE64.test(compact) || compact.length % 4 !== 0) throw profile(`${what} is not base64`);
  return Buffer.from(compact, 'base64');
}

/**
 * The transforms DUIS signers write: the signing tool writes only the enveloped transform
 * (whose node-set output XMLDSig §4.3.3.2 turns into octets with inclusive C14N 1.0); other
 * tools add exclusive C14N after it. Both are taken.
 */
function referenceMode(
  reference: XmlElement,
): typeof XmlC14NMode.XML_C14N_1_0 | typeof XmlC14NMode.XML_C14N_EXCLUSIVE_1_0 {
  const transforms = reference.find('ds:Transforms/ds:Transform', NS);
  const algorithms = transforms.map((t) => (t instanceof XmlElement ? t.attr('Algorithm')?.value : undefined));
  if (algorithms.length === 1 && algorithms[0] === ENVELOPED) return XmlC14NMode.XML_C14N_1_0;
  if (algorithms.length === 2 && algorithms[0] === ENVELOPED && algorithms[1] === EXC_C14N)
    return XmlC14NMode.XML_C14N_EXCLUSIVE_1_0;
  throw profile(
    `the Reference's transforms must be enveloped-signature (then optionally exclusive C14N), not ${algorithms.join(', ')}`,
  );
}

/**
 * Check the request's signature; answers the certificate that made it. The caller then checks
 * that the certificate's party is the RequestID's originator. The Signature element is removed
 * from `doc` on the way (the enveloped transform): read the request before calling this.
 */
export function verifyEnveloped(
  doc: XmlDocument,
  certificates: XmlSigningCertificates,
  now: number,
): XmlSigningCertificate {
  const all = doc.find('//ds:Signature', NS);
  if (all.length === 0)
    throw new DuisDoorError(
      'SIGNATURE_MISSING',
      'the request carries no ds:Signature; DUIS requests are signed',
      'Signature',
    );
  const signature = all[0];
  if (all.length !== 1 || !(signature instanceof XmlElement) || !signature.parent?.isSameNode(doc.root))
    throw profile('there must be one ds:Signature, a child of the root element');
  const signedInfo = one(signature, 'ds:SignedInfo', 'ds:SignedInfo');
  algorithm(one(signedInfo, 'ds:CanonicalizationMethod', 'CanonicalizationMethod'), EXC_C14N, 'CanonicalizationMethod');
  algorithm(one(signedInfo, 'ds:SignatureMethod', 'SignatureMethod'), ECDSA_SHA256, 'SignatureMethod');
  const reference = one(signedInfo, 'ds:Reference', 'ds:Reference');
  if (reference.attr('URI')?.value !== '') throw profile('the Reference must be URI="" (the whole document)');
  const mode = referenceMode(reference);
  algorithm(one(reference, 'ds:DigestMethod', 'DigestMethod'), SHA256, 'DigestMethod');
  const digestValue = base64(one(reference, 'ds:DigestValue', 'DigestValue').content, 'DigestValue');
  const signatureValue = base64(one(signature, 'ds:SignatureValue', 'SignatureValue').content, 'SignatureValue');
  if (signatureValue.length !== 64)
    throw profile(`SignatureValue must be a raw 64-byte r‖s, not ${signatureValue.length} bytes`);
  const issuerSerial = one(
    signature,
    'ds:KeyInfo/ds:X509Data/ds:X509IssuerSerial',
    'KeyInfo/X509Data/X509IssuerSerial',
  );
  const certificate = certificates.lookup(
    one(issuerSerial, 'ds:X509IssuerName', 'X509IssuerName').content,
    one(issuerSerial, 'ds:X509SerialNumber', 'X509SerialNumber').content,
    now,
  );

  const signedInfoOctets = signedInfo.canonicalizeToString({ mode: XmlC14NMode.XML_C14N_EXCLUSIVE_1_0 });
  // The enveloped transform: the document without the Signature element (and nothing else).
  // Removing it and canonicalising the whole document is much cheaper than a visibility
  // callback per node, so the document leaves here without its Signature.
  signature.remove();
  const signed = doc.canonicalizeToString({ mode });
  const digest = createHash('sha256').update(signed, 'utf8').digest();
  if (!digest.equals(digestValue))
    throw new DuisDoorError(
      'SIGNATURE_INVALID',
      'the DigestValue does not match the document: it changed after signing',
      'DigestValue',
    );
  const valid = ecdsaVerify(
    'sha256',
    Buffer.from(signedInfoOctets, 'utf8'),
    { key: certificate.publicKey, dsaEncoding: 'ieee-p1363' },
    signatureValue,
  );
  if (!valid)
    throw new DuisDoorError(
      'SIGNATURE_INVALID',
      `the SignatureValue does not verify with the XML-signing key of ${certificate.eui} (certificate ${certificate.serial})`,
      'SignatureValue',
    );
  return certificate;
}

function escapeText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/**
 * Sign a message we built (a serialised sr:Response with no signature), as the signing tool
 * does: the Signature becomes the root's last child, with the enveloped transform alone.
 * The message must have no whitespace-only text between elements: SmartDCC's tool drops such
 * text before it checks a digest (measured: xmldsig.test.ts), so standard XMLDSig over it fails
 * there. response-writer.ts writes none.
 * The SignedInfo is written in its exclusive-C14N form, so the octets signed are the ones written.
 */
export function signEnveloped(xml: string, signer: DspSigner): string {
  const doc = XmlDocument.fromString(xml);
  let signed: string;
  try {
    signed = doc.canonicalizeToString({ mode: XmlC14NMode.XML_C14N_1_0 });
  } finally {
    doc.dispose();
  }
  const digest = createHash('sha256').update(signed, 'utf8').digest('base64');
  const signedInfo =
    `<ds:SignedInfo xmlns:ds="${DS}">` +
    `<ds:CanonicalizationMethod Algorithm="${EXC_C14N}"></ds:CanonicalizationMethod>` +
    `<ds:SignatureMethod Algorithm="${ECDSA_SHA256}"></ds:SignatureMethod>` +
    `<ds:Reference URI=""><ds:Transforms><ds:Transform Algorithm="${ENVELOPED}"></ds:Transform></ds:Transforms>` +
    `<ds:DigestMethod Algorithm="${SHA256}"></ds:DigestMethod><ds:DigestValue>${digest}</ds:DigestValue></ds:Reference>` +
    `</ds:SignedInfo>`;
  const value = ecdsaSign('sha256', Buffer.from(signedInfo, 'utf8'), {
    key: signer.privateKey,
    dsaEncoding: 'ieee-p1363',
  }).toString('base64');
  const { issuer, serial } = signer.certificate;
  // The ds namespace is declared on Signature; exclusive C14N renders it again on SignedInfo
  // (visibly used, not rendered above it), so the SignedInfo's canonical form is the string signed.
  const signature =
    `<ds:Signature xmlns:ds="${DS}">${signedInfo.replace(` xmlns:ds="${DS}"`, '')}` +
    `<ds:SignatureValue>${value}</ds:SignatureValue>` +
    `<ds:KeyInfo><ds:X509Data><ds:X509IssuerSerial><ds:X509IssuerName>${escapeText(issuer)}</ds:X509IssuerName>` +
    `<ds:X509SerialNumber>${serial}</ds:X509SerialNumber></ds:X509IssuerSerial></ds:X509Data></ds:KeyInfo>` +
    `</ds:Signature>`;
  const close = xml.lastIndexOf('</');
  if (close === -1) throw new Error('signEnveloped: the message has no closing root tag');
  return `${xml.slice(0, close)}${signature}${xml.slice(close)}`;
}
