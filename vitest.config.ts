import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // test/external needs servers from Debian (mosquitto): npm run test:external, which .ci/run runs.
    exclude: ['test/external/**', 'node_modules/**'],
    // Integration tests open real TCP sockets to an embedded broker; keep them honest but bounded.
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
