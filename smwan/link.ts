import { SmetsimError } from '../protocol/index.js';

// The seam interfaces live in protocol/: the hub and the head-end both take one, and protocol/
// is the only code the two sides share.
export type { HeadEndLink, HubLink } from '../protocol/wan-link.js';

export type LinkErrorCode = 'AUTH_FAILED' | 'NOT_AUTHORISED' | 'NOT_OPEN' | 'CONNECT_FAILED' | 'CLOSED';

export class LinkError extends SmetsimError {
  declare readonly code: LinkErrorCode;
  constructor(code: LinkErrorCode, message: string) {
    super(code, message);
  }
}

/** Handlers are other people's code: a throwing handler must not take the link down. */
export function safely<A extends unknown[]>(handler: (...args: A) => void, onError: (error: unknown) => void) {
  return (...args: A): void => {
    try {
      handler(...args);
    } catch (error) {
      onError(error);
    }
  };
}
