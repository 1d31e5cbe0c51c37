// The queue_log adapter's options, as the command line and the server's config file give them:
// one schema, its defaults, and a refusal that names the flag or the config field.
import { describe, expect, it } from 'vitest';
import { parseIngestCli, UsageError } from '../../server/ingest/cli-options.js';
import { resolveConfiguredAdapter } from '../../server/ingest/in-process.js';
import { queueLogAdapter } from '../../server/ingest/queue-log/queue-log-adapter.js';

const env = { REDIS_URL: 'redis://127.0.0.1:6379' };
const cli = (...argv: string[]) => parseIngestCli(['queue-log', ...argv], env, [queueLogAdapter], 'pbx-01.example.com');

describe('queue-log options', () => {
  it('from flags, with the defaults for what is not given', () => {
    expect(cli('--file', '/var/log/asterisk/queue_log')).toMatchObject({
      kind: 'run',
      source: 'pbx-01',
      stream: 'wallboard:events',
      options: { file: '/var/log/asterisk/queue_log', replay: false, timeZone: 'Asia/Shanghai', pollMs: 500, batchLines: 1000, heartbeatMs: 5000 },
    });
    expect(cli('--file', 'q', '--replay', '--speed', '60', '--time-zone', 'Europe/Berlin', '--poll-ms', '250', '--batch-lines', '200', '--source', 'pbx2')).toMatchObject(
      {
        source: 'pbx2',
        options: { replay: true, speed: 60, timeZone: 'Europe/Berlin', pollMs: 250, batchLines: 200 },
      },
    );
  });

  it.each([
    [['--speed', '2'], '--speed: only with --replay'],
    [['--replay', '--speed', '0'], '--speed: must be above 0'],
    [['--time-zone', 'Mars/Olympus'], '--time-zone: not a time zone'],
    [['--poll-ms', 'fast'], '--poll-ms: '],
    [['--batch-lines', '1.5'], '--batch-lines: must be a whole number'],
  ])('refuses %j by its flag', (flags, message) => {
    expect(() => cli('--file', 'q', ...flags)).toThrow(UsageError);
    expect(() => cli('--file', 'q', ...flags)).toThrow(message);
  });

  it('from a config file entry (ingest.adapters), the same schema; a bad field is named', () => {
    const entry = { kind: 'queue-log', source: 'pbx1', file: '/var/log/asterisk/queue_log', pollMs: 1000 };
    expect(resolveConfiguredAdapter(entry, 'ingest.adapters[0]', [queueLogAdapter])).toMatchObject({
      source: 'pbx1',
      options: { file: '/var/log/asterisk/queue_log', pollMs: 1000, replay: false, batchLines: 1000 },
    });
    expect(() => resolveConfiguredAdapter({ ...entry, timeZone: 'Nowhere' }, 'ingest.adapters[0]', [queueLogAdapter])).toThrow(
      'ingest.adapters[0].timeZone: not a time zone',
    );
    expect(() => resolveConfiguredAdapter({ kind: 'queue-log' }, 'ingest.adapters[0]', [queueLogAdapter])).toThrow(
      'ingest.adapters[0].file: give the path of the queue_log, e.g. /var/log/asterisk/queue_log',
    );
  });
});
