import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'wallboard/**/*.test.ts'],
    // Integration suites each start a private redis-server; two cores do not gain from more.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { TZ: 'Asia/Shanghai' },
    // The end-to-end tests load the built wallboard (dist/wallboard/) from the real server.
    globalSetup: ['test/e2e/global-setup.ts'],
  },
});
