import { SmetsimError } from '../protocol/index.js';

/** A listener or a connection that could not start: a failed run (exit 1), named by its option. */
export class StartupError extends SmetsimError {
  constructor(message: string, field: string) {
    super('START_FAILED', message, field);
  }
}

const WHY: Record<string, string> = {
  EADDRINUSE: 'is already in use (choose another port, or 0 for a free one)',
  EACCES: 'needs privileges this process has not (use a port above 1023)',
};

/**
 * Node's listen error (`listen EADDRINUSE: address already in use 127.0.0.1:8080`) in the words of
 * the command line, naming the option (the port's, or --host for an address this machine has
 * not); anything else is passed through unchanged.
 */
export function nameListenError(error: unknown, option: string, value: number): unknown {
  const errno = error as NodeJS.ErrnoException & { address?: string; port?: number };
  if (!errno || errno.syscall !== 'listen' || typeof errno.code !== 'string') return error;
  if (errno.code === 'EADDRNOTAVAIL')
    return new StartupError(`--host ${errno.address ?? ''}: not an address of this machine`, '--host');
  const why = WHY[errno.code];
  if (!why) return error;
  return new StartupError(`${option} ${value}: ${errno.address ?? ''}:${errno.port ?? value} ${why}`, option);
}
