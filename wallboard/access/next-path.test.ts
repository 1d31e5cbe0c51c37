// Where the login page may send a reader on: only a path on this origin.
import { describe, expect, it } from 'vitest';
import { DEFAULT_NEXT, loginUrl, safeNext } from './next-path.js';
import { langOf } from './page-lang.js';

describe('the login page going on', () => {
  it('keeps a same-origin path with its query', () => {
    expect(safeNext('/admin')).toBe('/admin');
    expect(safeNext('/lead?team=A组&queue=vip')).toBe('/lead?team=A组&queue=vip');
    expect(safeNext('/tv')).toBe('/tv');
  });

  it('goes to the tablet instead of anywhere off the origin, or back to the login', () => {
    const hostile = [
      null,
      '',
      'lead',
      'https://evil.example/',
      '//evil.example/lead',
      '/\\evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      'javascript:alert(1)',
      ' /lead',
      '/login',
      '/login?next=/admin',
      `/${'a'.repeat(3000)}`,
    ];
    for (const raw of hostile) expect(safeNext(raw), String(raw)).toBe(DEFAULT_NEXT);
  });

  it('makes the login address that comes back', () => {
    expect(loginUrl('/lead?team=A组')).toBe(`/login?next=${encodeURIComponent('/lead?team=A组')}`);
    expect(loginUrl('//evil.example')).toBe('/login?next=%2Flead');
  });
});

describe('the login and admin pages language', () => {
  it("takes the link's lang, then the browser's first language we have, then Chinese", () => {
    expect(langOf('?lang=en', ['zh-CN'])).toBe('en');
    expect(langOf('?lang=zh', ['en-US'])).toBe('zh-CN');
    expect(langOf('?lang=fr', ['en-GB', 'zh-CN'])).toBe('en');
    expect(langOf('', ['de-DE', 'zh-TW'])).toBe('zh-CN');
    expect(langOf('', ['de-DE', 'en-US'])).toBe('en');
    expect(langOf('', [])).toBe('zh-CN');
  });
});
