import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration tests open real TCP sockets to an embedded broker; keep them honest but bounded.
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
