import { defineConfig } from 'vitest/config';

/** Tests against external servers installed from Debian (mosquitto): `npm run test:external`. */
export default defineConfig({
  test: {
    include: ['test/external/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 30_000,
  },
});
