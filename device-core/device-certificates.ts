import { formatEuiBytes, type Eui64 } from '../protocol/index.js';
import { decodeDer, isCertificate, type DerNode } from '../protocol/gbcs/asn1/index.js';
import {
  PROVIDE_CERTIFICATE_CODE,
  readDeviceCertificate,
  UPDATE_CERTIFICATE_CODE,
} from '../protocol/gbcs/use-cases/security-credentials/device-certificate.js';
import type { Execution } from './firmware.js';
import { body, type ServiceCommand } from './handlers.js';
import { bytes, PayloadError, str } from './payload.js';
import type { TrustStore } from './trust-store.js';

interface Holder {
  readonly eui: Eui64;
  readonly trust: TrustStore;
}

/**
 * SR 6.15.2 (CS02d Update Device Certificate on Device) on any device: a certificate for this
 * device (its EUI in the subjectAltName) certifying its signing or key agreement key replaces the
 * one it holds for that key; CS02e then returns it. A certificate for another device is code 2
 * (wrong device identity), one of another key usage code 3 (the RTDS ERROR variant: keyCertSign),
 * both BAD_PAYLOAD. The facts also have a device compare the certified public key with its own
 * (code 5); that needs the device's key store, which is the wire layer's seam, so it is not checked
 * here.
 */
export function updateDeviceCertificate(device: Holder, command: ServiceCommand): Execution {
  const der = bytes(body(command), 'certificate');
  let root: DerNode;
  try {
    root = decodeDer(der, 0).root;
  } catch {
    throw new PayloadError('certificate is not DER', 'certificate');
  }
  if (!isCertificate(root)) throw new PayloadError('certificate is not an X.509 certificate', 'certificate');
  const view = readDeviceCertificate(root);
  if (view.usage === 'other')
    return { status: 'BAD_PAYLOAD', payload: { code: UPDATE_CERTIFICATE_CODE.invalidKeyUsage, field: 'certificate' } };
  if (view.entityId === undefined || formatEuiBytes(view.entityId) !== device.eui)
    return {
      status: 'BAD_PAYLOAD',
      payload: { code: UPDATE_CERTIFICATE_CODE.wrongDeviceIdentity, field: 'certificate' },
    };
  device.trust.installOwnCertificate(view.usage, der);
  return { status: 'OK', payload: { code: UPDATE_CERTIFICATE_CODE.success, keyUsage: view.usage } };
}

/** SR 6.24.2 (CS02e Provide Device Certificate from Device): the certificate held for that key, or code 2. */
export function provideDeviceCertificate(device: Holder, command: ServiceCommand): Execution {
  const usage = str(body(command), 'keyUsage', /^(ds|ka)$/) as 'ds' | 'ka';
  const certificate = device.trust.ownCertificate(usage);
  if (certificate === undefined)
    return { status: 'INVALID_STATE', payload: { code: PROVIDE_CERTIFICATE_CODE.noCertificateHeld } };
  return { status: 'OK', payload: { certificate } };
}
