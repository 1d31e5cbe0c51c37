// npm start: the server (with its private Redis when REDIS_URL is unset) and a normal day of
// simulated traffic, so a newcomer sees a living board at once. Yesterday and today so far are
// backfilled first (DEMO_HISTORY_DAYS days before today; 1 by default), so the morning report
// has a day to show; a restarted demo backfills only the gap since the stream's last entry (it
// would otherwise count the morning twice).
import { Redis } from 'ioredis';
import { runUntilSignalled, startFromEnvironment } from '../server/main.js';
import { entryIdMs } from '../server/core/entry-id.js';
import { dayWindow } from '../server/core/windows.js';
import { startSimulation } from './run-simulation.js';
import { DEMO_ADMIN, ensureDemoAccess } from './demo-access.js';
import { withDemoQueueNames } from './demo-queue-names.js';

/**
 * Days before today the demo fills: 1 writes about 200k entries a day at the demo's rate, which
 * the server reads in a few seconds; 8 gives the report's week view and "same weekday last week".
 */
function historyDays(): number {
  const raw = process.env['DEMO_HISTORY_DAYS'];
  const days = raw === undefined || raw === '' ? 1 : Number(raw);
  if (!Number.isInteger(days) || days < 0 || days > 14) throw new Error(`DEMO_HISTORY_DAYS must be a whole number of days from 0 to 14, not "${raw}"`);
  return days;
}

/** Local midnight `days` days before today's. */
function daysBack(now: number, days: number, timeZone: string): number {
  let start = dayWindow(now, timeZone).startTs;
  for (let i = 0; i < days; i++) start = dayWindow(start - 1, timeZone).startTs;
  return start;
}

/** History to write: from the start of the days asked for, or from the stream's last entry when it is later. */
async function historyGap(redisUrl: string, stream: string, from: number): Promise<number> {
  const redis = new Redis(redisUrl);
  try {
    const last = (await redis.xrevrange(stream, '+', '-', 'COUNT', 1))[0];
    // Entries are written at their own times (backfillAtEventTimes): after the last one, not at it.
    const since = last ? Math.max(from, entryIdMs(last[0]) + 1) : from;
    return Math.max(0, Date.now() - since);
  } finally {
    redis.disconnect();
  }
}

void runUntilSignalled(async () => {
  const stack = await startFromEnvironment(withDemoQueueNames);
  const stream = stack.config.streams[0]!;
  const backfillMs = await historyGap(stack.redisUrl, stream, daysBack(Date.now(), historyDays(), stack.config.core.timeZone));
  const simulation = await startSimulation({
    redisUrl: stack.redisUrl,
    streamKey: stream,
    scenario: 'normal-day',
    // The day's profile and shifts in the board's own time zone, so yesterday is the board's yesterday.
    timeZone: stack.config.core.timeZone,
    // Twice the normal day's peak, so the board moves within seconds even at night, with twice
    // its roster, so the floor still runs near its targets.
    arrivalRate: { kind: 'profile', peakPerSec: 0.5 },
    agents: 200,
    backfillMs: backfillMs > 60_000 ? backfillMs : 0,
    // Yesterday's entries at yesterday's times: appended now, the server would drop them as a stale producer's.
    backfillAtEventTimes: true,
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
