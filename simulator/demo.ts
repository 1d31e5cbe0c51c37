// npm start: the server (with its private Redis when REDIS_URL is unset) and a normal day of
// simulated traffic, so a newcomer sees a living board at once. Two hours of history are
// backfilled first, unless the stream already holds recent history (a restarted demo would
// otherwise count the morning twice).
import { Redis } from 'ioredis';
import { runUntilSignalled, startFromEnvironment } from '../server/main.js';
import { entryIdMs } from '../server/core/entry-id.js';
import { startSimulation } from './run-simulation.js';
import { DEMO_ADMIN, ensureDemoAccess } from './demo-access.js';
import { withDemoQueueNames } from './demo-queue-names.js';

const BACKFILL_MS = 2 * 3600_000;

async function historyGap(redisUrl: string, stream: string): Promise<number> {
  const redis = new Redis(redisUrl);
  try {
    const last = (await redis.xrevrange(stream, '+', '-', 'COUNT', 1))[0];
    return last ? Math.min(BACKFILL_MS, Math.max(0, Date.now() - entryIdMs(last[0]))) : BACKFILL_MS;
  } finally {
    redis.disconnect();
  }
}

void runUntilSignalled(async () => {
  const stack = await startFromEnvironment(withDemoQueueNames);
  const stream = stack.config.streams[0]!;
  const backfillMs = await historyGap(stack.redisUrl, stream);
  const simulation = await startSimulation({
    redisUrl: stack.redisUrl,
    streamKey: stream,
    scenario: 'normal-day',
    // Twice the normal day's peak, so the board moves within seconds even at night, with twice
    // its roster, so the floor still runs near its targets.
    arrivalRate: { kind: 'profile', peakPerSec: 0.5 },
    agents: 200,
    backfillMs: backfillMs > 60_000 ? backfillMs : 0,
    log: (line) => process.stdout.write(`[simulator] ${line}\n`),
  });
  const demo = await ensureDemoAccess(stack.server.access, stack.server.url);
  const signIn = demo.adminPassword
    ? `user "${DEMO_ADMIN}", one-time password ${demo.adminPassword} (you choose your own at first sign-in)`
    : `user "${DEMO_ADMIN}" with the password you chose (npm run users -- reset ${DEMO_ADMIN} for a new one-time password)`;
  process.stdout.write(
    `\n  Wall TV (demo display, open it on the screen): ${demo.displayLink}\n` + `  Team lead tablet and admin: ${stack.server.url}/login  ${signIn}\n\n`,
  );
  return {
    stop: async () => {
      await simulation.stop();
      await stack.stop();
    },
  };
});
