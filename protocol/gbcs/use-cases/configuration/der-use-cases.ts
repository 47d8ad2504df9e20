import type { GbcsPayload } from '../../payload.js';
import { CLOCK_WINDOW } from './defaults.js';
import { der, derInt, derTime } from './slots.js';
import type { TemplateDefinition } from './template-codec.js';

const derTimeNow = (ms: number): string => new Date(ms).toISOString().slice(0, 19).replace(/[-:T]/g, '') + 'Z';

/**
 * 6.11 on the GSME (GCS28, DER, GBCS-FACTS §10): the command is SEQUENCE { validity start, validity
 * end } as GeneralizedTime; the response SEQUENCE { the meter's time, a result INTEGER }, 0 on
 * success. RTDS's ERROR response carries 2; a refusal here sends 2 when the device state is the
 * cause (the time is outside the window) and 1 otherwise.
 */
export const DER_CONFIGURATION: readonly TemplateDefinition[] = [
  // 6.11_GCS28: the RTDS GCS28_6.11_SUCCESS_COMMAND and GCS28_6.11_SUCCESS_RESPONSE payloads
  {
    useCase: 'GCS28',
    messageCode: 0x007f,
    variant: '6.11',
    device: 'GSME',
    command: '3022180F32303134313233313233333030305A180F32303135303130313030333030305A',
    commandSlots: [der('validityStart', derTime, 'children', 0), der('validityEnd', derTime, 'children', 1)],
    defaults: CLOCK_WINDOW,
    response: '3014180F32303134313233313233333030305A020100',
    responseSlots: [der('time', derTime, 'children', 0), der('result', derInt, 'children', 1)],
    derResult: (p: GbcsPayload) => {
      if (p.kind !== 'der' || p.der.root.type !== 'sequence') return undefined;
      const code = p.der.root.children[1];
      return code?.type === 'integer' && code.value !== 0n ? Number(code.value) : undefined;
    },
    derError: (code, now) => ({
      kind: 'der',
      der: {
        root: {
          type: 'sequence',
          children: [
            { type: 'generalizedTime', value: derTimeNow(now) },
            { type: 'integer', value: BigInt(code) },
          ],
        },
      },
    }),
  },
];
