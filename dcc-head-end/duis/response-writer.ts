import type { DuisResponseCode } from './response-codes.js';
import { SR_NS } from './request-reader.js';

/**
 * The synchronous sr:Response (DUIS XSD: Response, ResponseMessage), unsigned; xmldsig.ts signs
 * it. The header carries the RequestID and no ResponseID, as the DCC's own acknowledgements do
 * (DUIS-CODES.md §3.1: the E65 fixture, the 8.2 read-inventory answer). Only elements that are
 * already in DUIS 5.1 are written, so an answer is valid under 5.1 (SmartDCC's tool) and 5.4.
 */
export interface AnswerFields {
  readonly schemaVersion: string;
  readonly requestIdText: string | undefined;
  readonly code: DuisResponseCode;
  readonly at: number;
  readonly serviceReference: string;
  readonly serviceReferenceVariant: string;
  /** One child of ResponseMessage after ServiceReferenceVariant, already written (see below). */
  readonly payload?: string;
}

export function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

function element(name: string, text: string): string {
  return `<sr:${name}>${escapeXml(text)}</sr:${name}>`;
}

export function writeResponse(fields: AnswerFields): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<sr:Response xmlns:sr="${SR_NS}" schemaVersion="${escapeXml(fields.schemaVersion)}">` +
    `<sr:Header>` +
    (fields.requestIdText === undefined ? '' : element('RequestID', fields.requestIdText)) +
    element('ResponseCode', fields.code) +
    element('ResponseDateTime', new Date(fields.at).toISOString()) +
    `</sr:Header>` +
    `<sr:Body><sr:ResponseMessage>` +
    element('ServiceReference', fields.serviceReference) +
    element('ServiceReferenceVariant', fields.serviceReferenceVariant) +
    (fields.payload ?? '') +
    `</sr:ResponseMessage></sr:Body>` +
    `</sr:Response>`
  );
}

/** A device as DSPInventory lists it (DUIS XSD: Device). */
export interface InventoryDevice {
  readonly deviceId: string;
  readonly deviceType: 'ESME' | 'GSME' | 'GPF' | 'CHF' | 'HCALCS' | 'PPMID' | 'IHD' | 'CAD';
  readonly status:
    | 'Pending'
    | 'Whitelisted'
    | 'InstalledNotCommissioned'
    | 'Commissioned'
    | 'Decommissioned'
    | 'Withdrawn'
    | 'Suspended';
  readonly manufacturer: string;
  readonly model: string;
  readonly importMpxn?: string;
}

/** SR 8.2's answer. DUIS allows at most 17 devices. */
export function dspInventory(devices: readonly InventoryDevice[]): string {
  const listed = devices
    .slice(0, 17)
    .map(
      (d) =>
        `<sr:Device>` +
        element('DeviceID', d.deviceId) +
        element('DeviceType', d.deviceType) +
        element('DeviceStatus', d.status) +
        element('DeviceManufacturer', d.manufacturer) +
        element('DeviceModel', d.model) +
        (d.importMpxn === undefined ? '' : element('ImportMPxN', d.importMpxn)) +
        `</sr:Device>`,
    );
  return `<sr:DSPInventory>${listed.join('')}</sr:DSPInventory>`;
}

/** Variant 4's answer: the pre-command for the user to sign (FACTS.md, DUIS: a critical request). */
export function preCommand(gbcsVersion: string, payload: Uint8Array): string {
  return `<sr:PreCommand>${element('GBCSVersion', gbcsVersion)}${element('GBCSPayload', Buffer.from(payload).toString('base64'))}</sr:PreCommand>`;
}

/** Variants 2, 3, 6 and 7: the command for local delivery. */
export function localCommand(payload: Uint8Array): string {
  return `<sr:LocalCommand>${element('GBCSPayload', Buffer.from(payload).toString('base64'))}</sr:LocalCommand>`;
}
