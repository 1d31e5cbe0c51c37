// What loadConfig makes of the environment it is handed: LOG_LEVEL and the log format.
import { mkdtempSync, writeFileSync } from 'node:fs';
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

describe('ingest.http', () => {
  const TOKEN = 'a-token-of-twenty-chars';
  const withFile = (content: unknown, env: Record<string, string> = {}) => {
    const dir = mkdtempSync(join(tmpdir(), 'wb-config-ingest-'));
    writeFileSync(join(dir, 'wallboard.config.json'), JSON.stringify(content));
    return () => loadConfig({ env, cwd: dir, stdoutIsTTY: false });
  };

  it('is off with the documented defaults when nothing is set', () => {
    expect(load({}).ingest.http).toEqual({
      enabled: false,
      token: null,
      source: 'http',
      maxEvents: 1000,
      maxBytes: 1048576,
      idempotencyTtlMs: 86_400_000,
      rate: { requestsPerSecond: 100, eventsPerSecond: 5000 },
    });
  });

  it('takes the token from WALLBOARD_INGEST_TOKEN, over the file', () => {
    expect(load({ WALLBOARD_INGEST_TOKEN: TOKEN }).ingest.http.token).toBe(TOKEN);
    expect(withFile({ ingest: { http: { token: 'the-file-token-0123' } } }, { WALLBOARD_INGEST_TOKEN: TOKEN })().ingest.http.token).toBe(TOKEN);
    expect(withFile({ ingest: { http: { token: 'the-file-token-0123' } } })().ingest.http.token).toBe('the-file-token-0123');
  });

  it('takes every field of the file section', () => {
    const http = { source: 'crm-1', maxEvents: 200, maxBytes: 65536, idempotencyTtlMs: 3_600_000, rate: { requestsPerSecond: 10, eventsPerSecond: 400 } };
    expect(withFile({ ingest: { http } })().ingest.http).toEqual({ enabled: false, token: null, ...http });
  });

  it('is on with a shared secret, or when the file turns it on for API tokens', () => {
    expect(load({ WALLBOARD_INGEST_TOKEN: TOKEN }).ingest.http.enabled).toBe(true);
    expect(withFile({ ingest: { http: { enabled: true } } })().ingest.http).toMatchObject({ enabled: true, token: null });
    expect(withFile({ ingest: { http: { enabled: false, token: TOKEN } } })().ingest.http.enabled).toBe(false);
  });

  it.each([
    ['short', 'at least 16 characters'],
    ['sixteen chars with space', 'printable ASCII without spaces'],
  ])('refuses a weak or malformed token (%j) without showing it', (token, reason) => {
    expect(() => load({ WALLBOARD_INGEST_TOKEN: token })).toThrow(`environment: WALLBOARD_INGEST_TOKEN (not shown): ${reason}`);
    expect(() => load({ WALLBOARD_INGEST_TOKEN: token })).not.toThrow(token);
    const fromFile = withFile({ ingest: { http: { token } } });
    expect(fromFile).toThrow(`field "ingest.http.token" = (not shown): ${reason}`);
    expect(fromFile).not.toThrow(token);
  });

  it('refuses an events budget below the batch size, unknown fields and a bad source name, naming the field', () => {
    expect(withFile({ ingest: { http: { maxEvents: 6000 } } })).toThrow(
      'field "ingest.http.maxEvents" = 6000: rate.eventsPerSecond (5000) must be at least maxEvents (6000)',
    );
    expect(withFile({ ingest: { http: { rate: { eventsPerSecond: 10 } } } })).toThrow(
      'field "ingest.http.rate.eventsPerSecond" = 10: rate.eventsPerSecond (10) must be at least maxEvents (1000)',
    );
    expect(withFile({ ingest: { http: { tokn: TOKEN } } })).toThrow('field "ingest.http" = tokn');
    expect(withFile({ ingest: { smtp: {} } })).toThrow('field "ingest" = smtp');
    expect(withFile({ ingest: { http: { source: 'my source' } } })).toThrow('field "ingest.http.source" = "my source"');
  });
});

describe('access', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wb-config-access-'));
  const withFile = (content: unknown, env: Record<string, string> = {}) => {
    const file = join(dir, `c${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify(content));
    return () => loadConfig({ env: { CONFIG_FILE: file, ...env }, cwd: dir, stdoutIsTTY: false });
  };

  it('has the documented defaults', () => {
    expect(load({}).access).toEqual({
      sessionTtlMs: 43_200_000,
      displaySessionTtlMs: 400 * 86_400_000,
      adminToken: null,
      sessionSecret: null,
      secureCookies: false,
      publicUrl: null,
      loginThrottle: { perUser: 10, perAddress: 30, windowMs: 900_000 },
      sweepMs: 2000,
      metricsOpen: false,
    });
    expect(load({}).trustProxy).toBe(false);
    expect(load({}).tls).toBeNull();
  });

  it('takes the environment: admin token, session secret, public URL, trust proxy', () => {
    const config = load({ WALLBOARD_ADMIN_TOKEN: 'an-admin-token-of-enough-length', SESSION_SECRET: 's3cret', PUBLIC_URL: 'https://wall.example.org', TRUST_PROXY: '1' });
    expect(config.access).toMatchObject({ adminToken: 'an-admin-token-of-enough-length', sessionSecret: 's3cret', publicUrl: 'https://wall.example.org' });
    expect(config.trustProxy).toBe(1);
    expect(load({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(load({ TRUST_PROXY: '10.0.0.1, 10.0.0.2' }).trustProxy).toBe('10.0.0.1, 10.0.0.2');
  });

  it('refuses a weak admin token without showing it, half a TLS pair, a revocation slower than 5 s', () => {
    expect(() => load({ WALLBOARD_ADMIN_TOKEN: 'short' })).toThrow('WALLBOARD_ADMIN_TOKEN (not shown): at least 16 characters');
    expect(() => load({ WALLBOARD_ADMIN_TOKEN: 'short' })).not.toThrow(/: short/);
    expect(() => load({ TLS_CERT: 'cert.pem' })).toThrow('TLS_CERT and TLS_KEY go together');
    expect(() => load({ TLS_CERT: 'nope.pem', TLS_KEY: 'nope.pem' })).toThrow('TLS_CERT = "nope.pem": no such file');
    expect(withFile({ access: { sweepMs: 10_000 } })).toThrow('revocation must reach a screen within 5 s');
    expect(withFile({ access: { secureCookies: true, loginThrottle: { perUser: 3 } } })().access).toMatchObject({
      secureCookies: true,
      loginThrottle: { perUser: 3, perAddress: 30, windowMs: 900_000 },
    });
  });
});

describe('limits', () => {
  it('takes the cardinality limits and the forgetting times from the file, over the defaults', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wb-config-limits-'));
    writeFileSync(join(dir, 'wallboard.config.json'), JSON.stringify({ limits: { agents: 500 }, offlineAgentForgetMs: 3_600_000 }));
    const config = loadConfig({ env: {}, cwd: dir, stdoutIsTTY: false });
    expect(config.core.limits).toEqual({ queues: 2000, agents: 500, teams: 1000, complaints: 50_000 });
    expect(config.core.offlineAgentForgetMs).toBe(3_600_000);
    expect(config.core.silentAgentForgetMs).toBe(24 * 3_600_000);
    writeFileSync(join(dir, 'wallboard.config.json'), JSON.stringify({ limits: { agents: 0 } }));
    expect(() => loadConfig({ env: {}, cwd: dir, stdoutIsTTY: false })).toThrow('field "limits.agents" = 0');
  });
});

describe('alarms', () => {
  const withFile = (content: unknown) => {
    const dir = mkdtempSync(join(tmpdir(), 'wb-config-alarms-'));
    writeFileSync(join(dir, 'wallboard.config.json'), JSON.stringify(content));
    return () => loadConfig({ env: {}, cwd: dir, stdoutIsTTY: false });
  };

  it('runs every rule with its defaults when the file says nothing, and takes the file’s section', () => {
    expect(load({}).alarms).toEqual({});
    const alarms = {
      rules: { waiting: { warning: { raise: 8, clear: 5 }, critical: null, minMs: 20_000 }, 'source-quiet': false },
      queues: { vip: { 'longest-wait': false } },
    };
    expect(withFile({ alarms })().alarms).toEqual(alarms);
  });

  it('refuses a rule without hysteresis or an unknown rule, naming the field', () => {
    expect(withFile({ alarms: { rules: { waiting: { warning: { raise: 5, clear: 8 } } } } })).toThrow('field "alarms.rules.waiting.warning"');
    expect(withFile({ alarms: { rules: { loud: {} } } })).toThrow(ConfigError);
  });

  it('refuses the server’s own alarm stream as an event stream', () => {
    expect(() => load({ STREAM_KEYS: 'wallboard:alarms:{x}' })).toThrow(
      'streams: "wallboard:alarms:{x}": keys starting "wallboard:alarms:" are the server\'s own alarm stream',
    );
  });
});
