import { defineConfig } from 'vitest/config';

// Three projects, so each kind of test runs on its own: `vitest run --project unit` (or
// integration, e2e). Every project extends the root options below.
export default defineConfig({
  test: {
    // Integration suites each start a private redis-server; two cores do not gain from more.
    maxWorkers: 2,
    // Generous, for a shared CI machine: the Erlang checks take seconds, a browser more.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { TZ: 'Asia/Shanghai' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // Pure code and components in happy-dom: no Redis, no browser, no build.
          include: ['test/unit/**/*.test.ts', 'wallboard/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          // Real redis-server processes and the real server on random ports.
          include: ['test/integration/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // After the other projects, not beside them: the browser's timings must not share two
          // cores with the integration suites' kill -9 and restart storms.
          sequence: { groupOrder: 1 },
          // The end-to-end tests load the built wallboard (dist/wallboard/) from the real server;
          // only this project builds it, so the other projects start at once.
          globalSetup: ['test/e2e/global-setup.ts'],
        },
      },
    ],
  },
});
