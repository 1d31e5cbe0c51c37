// The config file's `report` section: the morning webhook is checked by the alarm hooks' own rules
// (a generic hook is signed, a WeCom robot has no secret) and a local time HH:MM.
import { describe, expect, it } from 'vitest';
import { reportConfig, reportFileSchema } from '../../server/report/report-config.js';

const hook = { url: 'https://example.test/hook', at: '08:30', kind: 'generic', secret: 'a-secret-of-16-chars' } as const;
const issues = (webhook: Record<string, unknown>) => {
  const parsed = reportFileSchema.safeParse({ webhook });
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('the report section', () => {
  it('takes a webhook with its kind, secret, time and language', () => {
    expect(issues(hook)).toEqual([]);
    expect(reportConfig(reportFileSchema.parse({ webhook: hook }), undefined).webhook).toMatchObject({ ...hook, lang: 'zh-CN' });
  });

  it('refuses an unsigned generic hook, a WeCom robot with a secret, a time that is not HH:MM and a URL that is not http(s)', () => {
    expect(issues({ ...hook, secret: undefined })).toEqual(['webhook.secret: a generic hook is signed: a secret of at least 16 characters']);
    expect(issues({ ...hook, kind: 'wecom' })).toEqual(['webhook.secret: a WeCom robot has no signing secret (its key is in the URL)']);
    expect(issues({ ...hook, at: '8:30' })).toEqual(['webhook.at: a local time HH:MM, e.g. "08:30"']);
    expect(issues({ ...hook, url: 'ftp://example.test/hook' })).toEqual(['webhook.url: an http:// or https:// URL']);
  });
});
