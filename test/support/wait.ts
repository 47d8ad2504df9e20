/**
 * Poll until a condition holds. For tests over real sockets, where events arrive when the network
 * delivers them; the timeout only bounds a failing test, it asserts nothing about speed.
 */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Let pending network events run, then check that nothing more arrived. */
export async function quietPeriod(ms = 100): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}
