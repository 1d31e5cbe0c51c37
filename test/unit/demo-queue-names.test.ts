// npm start's queues by name: every queue of the demo's floor gets one in both languages, and a
// deployment's own config file keeps its queues.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { withDemoQueueNames } from '../../simulator/demo-queue-names.js';
import { DEFAULT_QUEUES } from '../../simulator/scenarios/normal-day.js';

describe('the demo’s queue names', () => {
  it('name every queue of the demo floor in Chinese and English', () => {
    const config = withDemoQueueNames(loadConfig({ env: {}, cwd: mkdtempSync(join(tmpdir(), 'wb-demo-')), stdoutIsTTY: false }));
    expect(Object.keys(config.core.queues).sort()).toEqual([...DEFAULT_QUEUES].sort());
    expect(config.core.queues['billing']?.name).toEqual({ zh: '账务查询', en: 'Billing enquiries' });
    for (const id of DEFAULT_QUEUES) expect(config.core.queues[id]?.name?.zh).toMatch(/\p{Script=Han}/u);
  });

  it('leave a config file’s own queues as they are', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wb-demo-'));
    const file = join(dir, 'wallboard.config.json');
    writeFileSync(file, JSON.stringify({ queues: { billing: { name: { zh: '话费', en: 'Bills' } } } }));
    const config = withDemoQueueNames(loadConfig({ env: { CONFIG_FILE: file }, cwd: dir, stdoutIsTTY: false }));
    expect(config.core.queues).toEqual({ billing: { name: { zh: '话费', en: 'Bills' } } });
  });
});
