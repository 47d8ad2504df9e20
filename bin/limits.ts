import { readFileSync } from 'node:fs';

/**
 * The most hubs one process can hold open: each is a socket, and with the embedded broker in the
 * same process (serve) its far end is a second one. The open-file limit bounds it, less a margin
 * for the rest of what the process opens, and so do loopback local ports (about 28,000 per broker
 * address).
 */
export function maxHubs(socketsPerHub: 1 | 2): number {
  const LOCAL_PORTS = 28_000;
  try {
    const limit = /Max open files\s+(\d+)/.exec(readFileSync('/proc/self/limits', 'utf8'))?.[1];
    if (limit) return Math.max(1, Math.min(LOCAL_PORTS, Math.floor((Number(limit) - 500) / socketsPerHub)));
  } catch {
    // not Linux: fall through to the ports bound
  }
  return LOCAL_PORTS;
}
