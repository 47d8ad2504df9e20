import { defineConfig } from 'vitest/config';

/** Tests that need Debian packages (mosquitto, chromium): `npm run test:external`. */
export default defineConfig({
  test: {
    include: ['test/external/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 30_000,
  },
});
