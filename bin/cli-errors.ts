import { CommanderError } from 'commander';
import { SmetsimError, ValidationError } from '../protocol/index.js';

/**
 * Exit codes, the same for every subcommand:
 * - 0: done (for `run` and `soak`: every scenario or target passed);
 * - 1: the run failed: a scenario or target failed, a server refused or could not be reached, a
 *   port was taken;
 * - 2: a usage error: an unknown command or option, a missing or malformed argument, or a file an
 *   argument names that cannot be read or is not in its format. Nothing was started.
 */
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** A refused argument: always exit 2. */
export class UsageError extends SmetsimError {
  constructor(message: string, field?: string) {
    super('BAD_ARGUMENT', message, field);
  }
}

/**
 * Which errors are the user's input rather than a failed run: ours, the library's argument
 * checks (an EUI, a counter, a key file), and a scenario or profile file that is not in its format
 * (matched by code, so that bin/ does not depend on where the runner's error class lives).
 */
function isUsageError(error: unknown): boolean {
  return (
    error instanceof UsageError ||
    error instanceof ValidationError ||
    (error instanceof CommanderError && error.exitCode !== 0) ||
    (error instanceof SmetsimError && error.code === 'SCENARIO_FORMAT')
  );
}

export function exitCodeFor(error: unknown): number {
  return isUsageError(error) ? EXIT_USAGE : EXIT_FAILED;
}

/**
 * Print one line for a failure and end the process now. Exiting rather than setting exitCode
 * matters for the long-running commands: a start-up error (a port in use) can leave a broker or
 * a socket half open, and the process would otherwise never end (issue 17 #8).
 */
export function fail(name: string, error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${name ? `smetsim ${name}` : 'smetsim'}: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
  if (process.env.SMETSIM_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  // stderr is synchronous for files and pipes on POSIX, so the line is out before the exit.
  process.exit(exitCodeFor(error));
}

/**
 * Run a command body and turn any failure into one line on stderr and exit 1 or 2: users see the
 * field and the fix, never a stack trace (set SMETSIM_DEBUG=1 for one).
 */
export async function runCommand(name: string, body: () => Promise<number | void> | number | void): Promise<void> {
  try {
    const code = await body();
    process.exitCode = code ?? 0;
  } catch (error) {
    fail(name, error);
  }
}
