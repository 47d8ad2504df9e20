/** DUIS response codes (FACTS: Response codes). The key is the wire value. */
export const RESPONSE_CODES = {
  I99: { meaning: 'acknowledged: accepted, passed access control, on its way to the device', success: true },
  I0: { meaning: 'success', success: true },
  E1: { meaning: 'user id and role do not go together', success: false },
  E2: { meaning: 'role not permitted for this service request', success: false },
  E3: { meaning: "the party's status does not allow it", success: false },
  E4: { meaning: 'role not authorised for this device at this date/time', success: false },
  E5: { meaning: 'device status does not allow it', success: false },
  E11: { meaning: 'service request not valid for this device type', success: false },
  E12: { meaning: 'request does not match its command variant', success: false },
  E19: { meaning: 'device does not exist', success: false },
  E20: { meaning: 'unable to communicate with the device', success: false },
  E21: { meaning: 'no response from the device', success: false },
  E30: { meaning: 'future-dated command timed out', success: false },
} as const;

export type ResponseCode = keyof typeof RESPONSE_CODES;

export function isResponseCode(value: unknown): value is ResponseCode {
  return typeof value === 'string' && Object.hasOwn(RESPONSE_CODES, value);
}
