import { loadSigner, testXmlSigningDir, type DspSigner } from '../../dcc-head-end/duis/certificates.js';
import { signEnveloped } from '../../dcc-head-end/duis/xmldsig.js';

/** The DCC test environment's XML-signing identities (reference/duis-xml-signing/). */
export const XML_SIGNERS = {
  supplier: 'xml-sign-90B3D51F30010000-ds',
  networkOperator: 'xml-sign-90B3D51F30020000-ds',
  otherTestUser: 'xml-sign-00DB123456780004-ds',
  dsp: 'dsp-xml-sign-90B3D51F30000002-ds',
} as const;

const signers = new Map<string, DspSigner>();
export function xmlSigner(name: keyof typeof XML_SIGNERS): DspSigner {
  let signer = signers.get(name);
  if (!signer) {
    signer = loadSigner(testXmlSigningDir(), XML_SIGNERS[name]);
    signers.set(name, signer);
  }
  return signer;
}

export interface RequestFields {
  readonly requestId: string;
  readonly commandVariant: number;
  readonly serviceReference: string;
  readonly serviceReferenceVariant: string;
  /** The sr:Body's one element, written out. */
  readonly body: string;
  readonly schemaVersion?: string;
}

export function duisRequest(fields: RequestFields): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<sr:Request xmlns:sr="http://www.dccinterface.co.uk/ServiceUserGateway" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" schemaVersion="${fields.schemaVersion ?? '5.1'}">\n` +
    `  <sr:Header>\n` +
    `    <sr:RequestID>${fields.requestId}</sr:RequestID>\n` +
    `    <sr:CommandVariant>${fields.commandVariant}</sr:CommandVariant>\n` +
    `    <sr:ServiceReference>${fields.serviceReference}</sr:ServiceReference>\n` +
    `    <sr:ServiceReferenceVariant>${fields.serviceReferenceVariant}</sr:ServiceReferenceVariant>\n` +
    `  </sr:Header>\n` +
    `  <sr:Body>${fields.body}</sr:Body>\n` +
    `</sr:Request>\n`
  );
}

export const read411 = (originator: string, target: string, counter: number | bigint, schemaVersion = '5.1') =>
  duisRequest({
    requestId: `${originator}:${target}:${counter}`,
    commandVariant: 1,
    serviceReference: '4.1',
    serviceReferenceVariant: '4.1.1',
    body: '<sr:ReadInstantaneousImportRegisters/>',
    schemaVersion,
  });

export const readInventory = (originator: string, device: string, counter: number | bigint) =>
  duisRequest({
    requestId: `${originator}:90-B3-D5-1F-30-00-00-02:${counter}`,
    commandVariant: 8,
    serviceReference: '8.2',
    serviceReferenceVariant: '8.2',
    body: `<sr:ReadInventory><sr:DeviceID>${device}</sr:DeviceID></sr:ReadInventory>`,
  });

/** Signed with our own XMLDSig (the jar signs the same way; xmldsig.test.ts proves both agree). */
export function signedBy(name: keyof typeof XML_SIGNERS, xml: string): string {
  return signEnveloped(xml, xmlSigner(name));
}
