// End to end from a PBX: a queue_log written the way Asterisk writes it, replayed by
// `npm run ingest -- queue-log --replay` into a real Redis, read by the real server, shown on the
// TV in Debian's Chromium. The figures on the wall are held to a count made straight from the
// file's lines, not from anything the adapter or the server computed.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { fieldsFromArray } from '../../server/core/events.js';
import { generateQueueLog } from '../fixtures/queue-log/generate-queue-log.js';
import { runCli } from '../support/cli-process.js';
import { zoneNearNoon } from '../support/zone-near-noon.js';
import { waitFor } from '../support/redis.js';
import { deepText, screenshot } from './support/browser.js';
import { restFigures, tvFigures } from './support/tv-figures.js';
import { useFloor } from './support/use-floor.js';

/** What the file says happened, counted from its lines by the queue_log documentation's meanings. */
function countLines(lines: readonly string[]) {
  const count = (...events: string[]) => lines.filter((l) => events.includes(l.split('|')[4]!)).length;
  return {
    arrived: new Set(lines.filter((l) => l.split('|')[4] === 'ENTERQUEUE').map((l) => l.split('|')[1])).size,
    queued: count('ENTERQUEUE'),
    answered: count('CONNECT'),
    abandoned: count('ABANDON'),
    exited: count('EXITWITHTIMEOUT', 'EXITEMPTY', 'EXITWITHKEY'),
  };
}

// An empty floor whose day is near noon, so the replayed quarter hour is all today.
const floor = useFloor({ scenario: false, config: () => ({ timeZone: zoneNearNoon(Date.now()) }) });

async function replay(file: string): Promise<{ code: number | null; output: string }> {
  const run = runCli('server/ingest/cli.ts', ['queue-log', '--file', file, '--replay', '--source', 'pbx1'], { REDIS_URL: floor.redis.url, LOG_LEVEL: 'warn' });
  const code = await run.exit;
  return { code, output: run.stdout() + run.stderr() };
}

describe('a PBX replay on the wall', () => {
  it('shows on the TV the calls of a replayed queue_log, as counted from its lines', async () => {
    const nowSec = Math.floor(Date.now() / 1000);
    const log = generateQueueLog({ startSec: nowSec - 900, spanSec: 480, calls: 160, agents: 24, queues: ['billing', 'tech', 'mobile'], seed: 11 });
    const file = join(floor.dir, 'queue_log');
    writeFileSync(file, log.lines.join('\n') + '\n');
    const expected = countLines(log.lines);

    const run = await replay(file);
    expect(run.code, run.output).toBe(0);

    const rest = () => floor.rest();
    const snap = await waitFor(async () => {
      const s = await rest();
      return s.totals.queued === expected.queued && s.totals.answered === expected.answered ? s : null;
    }, 'the server to count the replay');
    expect(snap.totals).toMatchObject({ ...expected, waiting: 0 });
    // The replay said goodbye: it is not left on the board as a lost source (once the server's next read of the records sees it gone).
    await waitFor(async () => ((await rest()).feed?.sources ?? []).length === 0, 'the finished replay to leave the board', 5000);
    // No full caller number went into the stream: every caller is masked.
    const client = new Redis(floor.redis.url);
    const values = (await client.xrange('wallboard:events', '-', '+')).map(([, f]) => fieldsFromArray(f));
    client.disconnect();
    const callers = values.flatMap((f) => (f['caller'] ? [f['caller']] : []));
    expect(callers).toHaveLength(expected.arrived);
    expect(callers.filter((c) => !/^138\*{4}\d{4}$/.test(c))).toEqual([]);

    // The TV as a floor pairs one: a display made by an admin, opened by its link.
    const made = await floor.createDisplay('Replay TV', { lang: 'en' });
    expect(made.status).toBe(201);
    const page = await floor.open(((await made.json()) as { link: string }).link, 1920, 1080, { as: null, live: /Live/ });
    const { problems } = page;
    expect(new URL(page.url()).pathname).toBe('/tv');
    await waitFor(async () => JSON.stringify(await tvFigures(page)) === JSON.stringify(restFigures(await rest())), 'the TV to show the replay', 15_000);
    const tv = await tvFigures(page);
    expect({ queued: tv.queued, answered: tv.answered, abandoned: tv.abandoned }).toEqual({
      queued: expected.queued,
      answered: expected.answered,
      abandoned: expected.abandoned,
    });
    expect(Number((await deepText(page, '[data-testid=exited]'))?.replace(/\D/g, ''))).toBe(expected.exited);
    await screenshot(page, 'tv-pbx-replay-en');
    expect(problems).toEqual([]);
  });
});
