import { ParseOption, XmlDocument, XmlParseError } from 'libxml2-wasm';
import { DuisDoorError } from './door-error.js';

/**
 * The largest DUIS message we read. A DUIS request is a few kilobytes; the biggest legitimate
 * ones (a firmware image hash list, a 12.2 pre-notification of many devices) stay far below
 * 1 MiB. Emulator choice: DUIS states no limit that we could read.
 */
export const MAX_DUIS_BYTES = 1024 * 1024;

/**
 * libxml2 without the network, without external entities, without entity substitution. The DTD
 * refusal below already keeps these out; the options are the second lock.
 */
const PARSE_OPTIONS = ParseOption.XML_PARSE_NONET | ParseOption.XML_PARSE_NO_XXE | ParseOption.XML_PARSE_NO_SYS_CATALOG;

const LT = 0x3c;
const BANG = 0x21;
const COMMENT = Buffer.from('<!--');
const CDATA = Buffer.from('<![CDATA[');
const XML_DECL = /^<\?xml\s[^>]*?encoding\s*=\s*["']([^"']+)["']/;

/**
 * Refuse before parsing what a DUIS message never needs:
 * - more than MAX_DUIS_BYTES;
 * - an encoding other than UTF-8 (the byte scan below would not see a UTF-16 DOCTYPE);
 * - any markup declaration: `<!` that does not open a comment or a CDATA section. That covers
 *   DOCTYPE, ENTITY, ELEMENT, ATTLIST and NOTATION, so the XXE example and entity expansion
 *   attacks never reach the parser.
 */
export function checkXmlBytes(bytes: Uint8Array): void {
  if (bytes.length > MAX_DUIS_BYTES)
    throw new DuisDoorError('XML_TOO_LARGE', `the message is ${bytes.length} bytes; the limit is ${MAX_DUIS_BYTES}`);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  let start = 0;
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) start = 3;
  else if (buffer[0] === 0xfe || buffer[0] === 0xff || buffer[0] === 0x00 || buffer[1] === 0x00)
    throw new DuisDoorError('XML_ENCODING', 'DUIS messages are UTF-8; this one starts like UTF-16 or UTF-32');
  const head = buffer.subarray(start, start + 200).toString('latin1');
  const declared = XML_DECL.exec(head)?.[1];
  if (declared !== undefined && declared.toLowerCase() !== 'utf-8')
    throw new DuisDoorError('XML_ENCODING', `the XML declaration says encoding="${declared}"; DUIS messages are UTF-8`);
  // Raw `<` appears only as markup, or inside comments and CDATA, whose contents are skipped.
  for (let at = buffer.indexOf(LT, start); at !== -1; at = buffer.indexOf(LT, at + 1)) {
    if (buffer[at + 1] !== BANG) continue;
    const skipTo = (opening: Buffer, closing: string): boolean => {
      if (!buffer.subarray(at, at + opening.length).equals(opening)) return false;
      const end = buffer.indexOf(closing, at + opening.length, 'latin1');
      at = end === -1 ? buffer.length : end;
      return true;
    };
    if (skipTo(COMMENT, '-->') || skipTo(CDATA, ']]>')) continue;
    throw new DuisDoorError(
      'XML_DTD',
      'the message carries a DOCTYPE or another markup declaration; DUIS messages have none (no DTDs, no entities)',
    );
  }
}

/**
 * checkXmlBytes, then parse. The caller owns the document and must dispose() it. Only element,
 * attribute, text and comment content can be in it: no DTD, so no entity references.
 */
export function parseDuisXml(bytes: Uint8Array): XmlDocument {
  checkXmlBytes(bytes);
  let doc: XmlDocument;
  try {
    doc = XmlDocument.fromBuffer(bytes, { option: PARSE_OPTIONS });
  } catch (error) {
    if (error instanceof XmlParseError)
      throw new DuisDoorError('XML_MALFORMED', `not well-formed XML: ${error.message.trim()}`);
    throw error;
  }
  if (doc.dtd !== null) {
    // Unreachable after the scan above; kept so that a parser change cannot open the door.
    doc.dispose();
    throw new DuisDoorError('XML_DTD', 'the message carries a DTD');
  }
  return doc;
}
