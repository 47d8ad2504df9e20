/**
 * RTDS 4.5.0 messages written out as annotated hex (public test data of the DCC), so that npm test
 * proves the envelope and its protection without ../shared. Annotations follow GBCS-FACTS §3–4, §11–12.
 */
export function hexBytes(annotated: string): Uint8Array {
  return Buffer.from(
    annotated
      .split('\n')
      .map((line) => line.replace(/\/\/.*$/, ''))
      .join('')
      .replace(/\s+/g, ''),
    'hex',
  );
}

/** 4.1.1_ECS17b/ECS17b_4.1.1_SINGLE_SUCCESS_RESPONSE_GBCS.HEX (183 bytes, GBCS-FACTS §11). */
export const ECS17B_RESPONSE = hexBytes(`
  DD 00 00 00 00 00 00        // general-ciphering, five empty fields, no key-info
  81 AE                       // ciphered content: 174 bytes
  11 00000000                 // security header: auth only, suite 1, invocation counter 0
  DF 09                       // general-signing, transaction-id length 9
  02                          // CRA: response
  00000000000003E8            // counter 1000 (the command's)
  08 00DB1234567890A0         // originator: ESME
  08 90B3D51F30010000         // recipient: supplier
  0C 07DF0101FF000000008000FF // date-time 2015-01-01 00:00:00
  02 0027                     // other-information: message code ECS17b
  6E                          // content: 110 bytes
  DA 200003E8 00 00 01        // access-response, invoke id, no date-time, no spec echo, 1 data item
  0202 0101 0202 1602 0205    // get-protected-attributes response: protection parameters
  0909 0400000000000003E8 0908 00DB1234567890A0 0908 90B3D51F30010000 0900
  0202 1602 0202 0901 02 0900
  092B 3100000000             // protected data: inner security header (auth + encryption)
  E3035372DDD0648ADEDB866DFF001F09450DEBD034C36C6101DC  // ciphertext (26 bytes)
  1D3CB50D35311B344436F883    // inner GCM tag
  01 03 00                    // 1 response spec: action, success
  00                          // unsigned
  486AF3DF46ACBC45A5217E08    // MAC
`);

/** The plaintext of its protected data (GBCS-FACTS §11): {10 Wh, 10 varh} with their scaler/units. */
export const ECS17B_PLAINTEXT = hexBytes('02 01 02 04 06 0000000A 02 02 0F 00 16 1E 06 0000000A 02 02 0F 00 16 20');

/** 4.1.1_ECS17b/ECS17b_4.1.1_SINGLE_SUCCESS_COMMAND_GBCS.HEX (158 bytes, GBCS-FACTS §12). */
export const ECS17B_COMMAND = hexBytes(`
  DD 000000000000 8195 1100000000
  DF 09 01 00000000000003E8   // command, counter 1000
  08 90B3D51F30010000         // originator: supplier
  08 00DB1234567890A0         // recipient: ESME
  00 02 0027                  // no date-time; message code ECS17b
  61                          // content: 97 bytes
  D9 200003E8 00 01 03 001E 00002B0208FF 01  // access-request: action Data Protection 0-0:43.2.8.255 method 1
  01 02 02 01 01 02 05 12 0001 09 06 00005E2C220A 0F 02 12 0000 02 02 16 00 00
  01 01 02 02 16 02 02 05 09 09 0400000000000003E8 09 08 90B3D51F30010000 09 08 00DB1234567890A0 09 00
  02 02 16 02 02 02 09 01 02 09 00
  00                          // unsigned (ECS17b is not critical)
  F08A88FCB4EEBECA47B71589    // MAC, made by the ACB (GBCS-FACTS §6.3)
`);

/** 2.5_ECS09/ECS09_2.5_SUCCESS_PRECOMMAND_GBCS.HEX: a pre-command, no signature field. */
export const ECS09_PRECOMMAND = hexBytes(`
  DF 09 01 00000000000003E8 08 90B3D51F30010000 08 00DB1234567890A0
  00 02 0020                  // message code ECS09 activate emergency credit
  14 D9200003E8 00 01 03 0070 0000130A01FF 03 01 0F00
`);

/** 2.5_ECS09/ECS09_2.5_SUCCESS_COMMAND_GBCS.HEX: the pre-command, signed by the supplier, MAC'd by the ACB. */
export const ECS09_COMMAND = hexBytes(`
  DD 000000000000 8188 1100000000
  DF 09 01 00000000000003E8 08 90B3D51F30010000 08 00DB1234567890A0
  00 02 0020 14 D9200003E8 00 01 03 0070 0000130A01FF 03 01 0F00
  40 F772090319A396167F1CDB84EAD7253BFB9284E3A5E24D78825F2A02AAD6E3E3  // signature r
     CFDE059A78E39F0AE76217B45219C88F89B6836B9A4633FEEC9CE8A0DEAA39A4  // signature s
  272FC60671A26065DA7B88B3    // MAC
`);

/** 2.5_ECS09/ECS09_2.5_SUCCESS_RESPONSE_GBCS.HEX: a response to a signed command, signed by the ESME, no MAC. */
export const ECS09_RESPONSE = hexBytes(`
  DF 09 02 00000000000003E8 08 00DB1234567890A0 08 90B3D51F30010000
  00 02 0020 0C DA200003E8 00 00 01 00 01 03 00
  40 811876337CEFD22994808A9A0669D81C1869A7DC3346960AD41CAF1E98A89C67
     9D29DFAF3FBC8DD06816FC212BA993554312F6DD76D3EF2FCE355ED3CBD25A74
`);

/** NA_ECS100/ECS100_NA_8F85_SUPPLEMENTARY_REMOTE_PARTY_ALERT_GBCS.HEX: other-information of 18 bytes. */
export const ECS100_ALERT = hexBytes(`
  DF 09 03 00000000000007D1   // alert, the device's own counter 2001
  08 00DB1234567890A6 08 90B3D51F30000002  // device → ACB
  00
  12 0120                     // other-information 18 bytes: message code ECS100
     90B3D51F30010000         // supplementary remote party: the supplier
     0000000000030D40         // supplementary remote party counter 200000
  25 0F200007D1 00 0203 128F85 090C07DF0101FF000000008000FF 090A001200000000000186A0  // DLMS alert 8F85
  40 58C9F05D9044CB21CF6140CEF1A9467E52D3C30490A31E9E64781A1A91ED401D
     2B6E09978D39F0EEAEE5C4F89CA390FEF51FD62E7AAE753C07A600E5E4A35804
`);
