// The config file's `alerts` section: the defaults, the hooks' rules (a generic hook is signed, a
// WeCom robot has no secret, ids are unique), errors that never show a secret or a robot's URL,
// and the retry schedule those defaults make.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERTS_CONFIG } from '../../server/alerts/alert-config.js';
import { retryDelay } from '../../server/alerts/alert-dispatcher.js';
import { ConfigError, loadConfig } from '../../server/config.js';

function withFile(content: unknown) {
  const dir = mkdtempSync(join(tmpdir(), 'wb-alerts-config-'));
  writeFileSync(join(dir, 'wallboard.config.json'), JSON.stringify(content));
  return () => loadConfig({ env: {}, cwd: dir, stdoutIsTTY: false });
}

const ROBOT_URL = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=robot-key-xyz';

describe('alerts configuration', () => {
  it('has no hooks by default, and fills a hook in with its defaults', () => {
    expect(withFile({})().alerts).toEqual(DEFAULT_ALERTS_CONFIG);
    const config = withFile({ alerts: { boardName: '一楼热线', hooks: [{ id: 'floor-wx', kind: 'wecom', url: ROBOT_URL }] } })();
    expect(config.alerts.boardName).toBe('一楼热线');
    expect(config.alerts.hooks).toEqual([
      {
        id: 'floor-wx',
        kind: 'wecom',
        url: ROBOT_URL,
        lang: 'zh-CN',
        transitions: ['alarm.raised', 'alarm.acknowledged', 'alarm.cleared'],
        severities: ['warning', 'critical'],
      },
    ]);
  });

  it.each([
    [{ id: 'g', kind: 'generic', url: 'https://ops.example/x' }, 'alerts.hooks.0.secret', 'a generic hook is signed'],
    [{ id: 'g', kind: 'generic', url: 'https://ops.example/x', secret: 'short' }, 'alerts.hooks.0.secret', 'at least 16'],
    [{ id: 'w', kind: 'wecom', url: ROBOT_URL, secret: 'robot-secret-value' }, 'alerts.hooks.0.secret', 'no signing secret'],
    [{ id: 'Bad Id', kind: 'wecom', url: ROBOT_URL }, 'alerts.hooks.0.id', 'lower-case'],
    [{ id: 'f', kind: 'feishu', url: 'ftp://robot-key-xyz' }, 'alerts.hooks.0.url', 'http'],
    [{ id: 'f', kind: 'slack', url: ROBOT_URL }, 'alerts.hooks.0.kind', 'expected one of'],
  ])('refuses %j naming %s, and never shows a secret or a URL', (hook, field, reason) => {
    const load = withFile({ alerts: { hooks: [hook] } });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(field);
    expect(load).toThrow(reason);
    try {
      load();
    } catch (error) {
      expect((error as Error).message).not.toContain('robot-key-xyz');
      expect((error as Error).message).not.toContain('robot-secret-value');
    }
  });

  it('refuses two hooks with one id', () => {
    const hook = { id: 'w', kind: 'wecom', url: ROBOT_URL };
    expect(withFile({ alerts: { hooks: [hook, hook] } })).toThrow('hook ids must be unique');
  });

  it('retries back off exponentially with jitter: the defaults span 15 to 30 minutes', () => {
    const total = (random: () => number) =>
      Array.from({ length: DEFAULT_ALERTS_CONFIG.maxAttempts - 1 }, (_v, i) => retryDelay(i + 1, DEFAULT_ALERTS_CONFIG, random)).reduce((a, b) => a + b, 0);
    expect(retryDelay(1, DEFAULT_ALERTS_CONFIG, () => 0)).toBe(500);
    expect(retryDelay(1, DEFAULT_ALERTS_CONFIG, () => 1)).toBe(1000);
    expect(retryDelay(4, DEFAULT_ALERTS_CONFIG, () => 1)).toBe(8000);
    expect(retryDelay(13, DEFAULT_ALERTS_CONFIG, () => 1)).toBe(300_000);
    expect(total(() => 0) / 60_000).toBeGreaterThan(14);
    expect(total(() => 1) / 60_000).toBeLessThan(30);
  });
});
