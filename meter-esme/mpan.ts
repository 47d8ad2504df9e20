import { parseMpan, ValidationError } from '../protocol/index.js';
import { PayloadError } from '../device-core/payload.js';

/** An MPAN from a command body (SR 6.20.1 / 6.20.2): a bad one is the command's fault, BAD_PAYLOAD. */
export function validMpan(text: string): string {
  try {
    return parseMpan(text, 'mpxn');
  } catch (error) {
    if (error instanceof ValidationError) throw new PayloadError(error.message, 'mpxn');
    throw error;
  }
}
