import { Writable } from 'node:stream';
import { pino, type Logger, type LevelWithSilent } from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number] & LevelWithSilent;

export interface HarnessLogOptions {
  readonly level: LogLevel;
  /** Human-readable lines instead of JSON (serve picks this when stdout is a TTY). */
  readonly pretty: boolean;
  /** Where lines go; stdout by default. */
  readonly destination?: NodeJS.WritableStream;
}

/**
 * The logger of `smetsim serve`: pino, as fastify uses it, writing one JSON object a line
 * (for a log shipper), or, on a terminal, the same lines made readable by `prettyLine`.
 * pino-pretty would do the same with a worker thread and six dependencies; this needs none.
 */
export function createHarnessLogger(options: HarnessLogOptions): Logger {
  const out = options.destination ?? process.stdout;
  const base = { level: options.level, base: { service: 'smetsim-serve' } };
  if (!options.pretty) return pino(base, out);
  let partial = '';
  const pretty = new Writable({
    write(chunk: Buffer, _encoding, done) {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) if (line) out.write(`${prettyLine(line)}\n`);
      done();
    },
  });
  return pino(base, pretty);
}

const LEVEL_NAMES: Readonly<Record<number, string>> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO ',
  40: 'WARN ',
  50: 'ERROR',
  60: 'FATAL',
};
/** pino's own fields, and what the readable form leaves out. */
const HIDDEN = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'service', 'reqId']);

/** One pino JSON line as `HH:MM:SS.mmm LEVEL message key=value ...`; a line that is not JSON stays as it is. */
export function prettyLine(line: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const time = typeof record.time === 'number' ? new Date(record.time).toISOString().slice(11, 23) : '';
  const level = LEVEL_NAMES[Number(record.level)] ?? String(record.level);
  const fields = Object.entries(record)
    .filter(([key, value]) => !HIDDEN.has(key) && value !== undefined)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  const message = typeof record.msg === 'string' ? record.msg : '';
  return [time, level, message, ...fields].filter(Boolean).join(' ');
}
