import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SmetsimError } from '../../protocol/index.js';
import { UsageError } from '../cli-errors.js';

export interface AdminOptions {
  url: string;
  token?: string;
  dataDir: string;
}

/** The server answered, and refused: a failed run (exit 1), with the URL it was. */
class AdminCallError extends SmetsimError {
  constructor(where: string, status: number, body: unknown) {
    const detail = body && typeof body === 'object' ? (body as { code?: string; message?: string }) : {};
    super(
      'ADMIN_CALL_FAILED',
      `${where}: HTTP ${status}${detail.code ? ` ${detail.code}` : ''}: ${detail.message ?? JSON.stringify(body)}`,
    );
  }
}

/** Nothing answered at that URL, or not with JSON: a failed run (exit 1), with the URL and why. */
class AdminUnreachableError extends SmetsimError {
  constructor(where: string, why: string) {
    super('ADMIN_UNREACHABLE', `${where}: ${why} (is smetsim serve running there? set --url or SMETSIM_GATEWAY)`);
  }
}

/** The reason under fetch's bare "fetch failed": ECONNREFUSED, ENOTFOUND, a TLS error, a timeout. */
function reason(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

function adminToken(options: AdminOptions): string {
  const tokenFile = join(options.dataDir, 'admin-token');
  const token = options.token ?? (existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8').trim() : undefined);
  if (!token)
    throw new UsageError(
      `no admin token: pass --token, or --data-dir of the running smetsim serve (looked in ${tokenFile})`,
      'token',
    );
  return token;
}

/** One admin API call; the JSON answer goes to stdout, pretty-printed. */
export async function callAdmin(options: AdminOptions, method: string, path: string, body?: unknown): Promise<void> {
  const token = adminToken(options);
  const target = `${options.url}${path}`;
  const where = `${method} ${target}`;
  let response: Response;
  try {
    response = await fetch(target, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    throw new AdminUnreachableError(where, `cannot connect (${reason(error)})`);
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AdminUnreachableError(where, `HTTP ${response.status} with a body that is not JSON`);
  }
  if (!response.ok) throw new AdminCallError(where, response.status, json);
  process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
}
