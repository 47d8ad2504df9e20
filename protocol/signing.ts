import type { CryptoProvider, EcPrivateKey, EcPublicKey } from './crypto/provider.js';
import type { Eui64 } from './eui.js';
import { signedContent, type Frame, type FrameSignature, type SignerRole } from './frame.js';

/** Add one signature over the frame's unsigned content. */
export function signFrame<F extends Frame>(
  crypto: CryptoProvider,
  frame: F,
  role: SignerRole,
  signer: Eui64,
  key: EcPrivateKey,
): F {
  const signature: FrameSignature = { role, signer, value: crypto.sign(key, signedContent(frame)) };
  return { ...frame, signatures: [...frame.signatures, signature] };
}

/** The signature a given role put on the frame, if any. */
export function signatureBy(frame: Frame, role: SignerRole): FrameSignature | undefined {
  return frame.signatures.find((s) => s.role === role);
}

/** Verify the signature of `role` against `key`; false when it is absent or does not verify. */
export function verifyFrameSignature(
  crypto: CryptoProvider,
  frame: Frame,
  role: SignerRole,
  key: EcPublicKey,
): boolean {
  const signature = signatureBy(frame, role);
  return signature !== undefined && crypto.verify(key, signedContent(frame), signature.value);
}
