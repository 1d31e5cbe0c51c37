// What loadConfig makes of the environment it is handed: LOG_LEVEL and the log format.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.js';

// A directory without a wallboard.config.json, so only the environment counts.
const cwd = mkdtempSync(join(tmpdir(), 'wb-config-unit-'));
const load = (env: Record<string, string>, stdoutIsTTY = false) => loadConfig({ env, cwd, stdoutIsTTY });

describe('LOG_LEVEL', () => {
  it('is info when unset or empty', () => {
    expect(load({}).logLevel).toBe('info');
    expect(load({ LOG_LEVEL: '' }).logLevel).toBe('info');
  });

  it.each(['debug', 'info', 'warn', 'error'] as const)('takes %s', (level) => {
    expect(load({ LOG_LEVEL: level }).logLevel).toBe(level);
  });

  it.each(['verbose', 'INFO', ' warn', 'trace'])('rejects %j, naming the variable, the value and the levels', (value) => {
    expect(() => load({ LOG_LEVEL: value })).toThrow(ConfigError);
    expect(() => load({ LOG_LEVEL: value })).toThrow(`environment: LOG_LEVEL = "${value}": must be debug, info, warn or error`);
  });
});

describe('LOG_FORMAT', () => {
  it('defaults to pretty on a terminal and to json otherwise', () => {
    expect(load({}, true).logFormat).toBe('pretty');
    expect(load({}, false).logFormat).toBe('json');
  });

  it('overrides the terminal either way', () => {
    expect(load({ LOG_FORMAT: 'json' }, true).logFormat).toBe('json');
    expect(load({ LOG_FORMAT: 'pretty' }, false).logFormat).toBe('pretty');
  });
});

it('takes its settings from the environment it is handed, not from the process', () => {
  const config = load({ PORT: '4321', HOST: '127.0.0.9', CONSUMER_GROUP: 'g1', STREAM_KEYS: 'a, b' });
  expect(config).toMatchObject({ port: 4321, host: '127.0.0.9', group: 'g1', streams: ['a', 'b'], staticDir: join(cwd, 'dist/wallboard') });
});
