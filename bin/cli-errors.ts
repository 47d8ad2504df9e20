import { SmetsimError } from '../protocol/index.js';

/**
 * Run a command body and turn any failure into one line on stderr and a non-zero exit: users see
 * the field and the fix, never a stack trace (set SMETSIM_DEBUG=1 for one).
 */
export async function runCommand(name: string, body: () => Promise<number | void> | number | void): Promise<void> {
  try {
    const code = await body();
    process.exitCode = code ?? 0;
  } catch (error) {
    const message = error instanceof SmetsimError || error instanceof Error ? error.message : String(error);
    process.stderr.write(`smetsim ${name}: ${message}\n`);
    if (process.env.SMETSIM_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.exitCode = error instanceof SmetsimError ? 2 : 1;
  }
}
