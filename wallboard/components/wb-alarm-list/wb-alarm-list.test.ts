// @vitest-environment happy-dom
// The tablet's alarm list: the active alarms with Acknowledge (an event for the view to send), the
// acknowledged and cleared ones without it, and the sound toggle kept in localStorage.
import { afterEach, describe, expect, it } from 'vitest';
import type { Alarm } from '../../../server/contract/snapshot.js';
import { createI18n } from '../../i18n/i18n.js';
import { mount, shadow } from '../../testing/dom.js';
import { alertAllowed } from './alarm-alert.js';
import './wb-alarm-list.js';

const T = Date.UTC(2026, 11, 1, 2, 0, 0);
const alarm = (id: string, extra: Partial<Alarm> = {}): Alarm => ({
  id,
  rule: 'waiting',
  scope: 'billing',
  severity: 'warning',
  value: 12,
  threshold: 10,
  raisedTs: T,
  acknowledgedBy: null,
  acknowledgedTs: null,
  clearedTs: null,
  ...extra,
});

afterEach(() => {
  document.body.replaceChildren();
  localStorage.clear();
});

describe('wb-alarm-list', () => {
  it('offers Acknowledge on an unacknowledged alarm only, and says who acknowledged the other', async () => {
    const el = document.createElement('wb-alarm-list');
    el.i18n = createI18n('en');
    el.timeZone = 'UTC';
    el.names = { billing: 'Billing' };
    el.active = [alarm('a', { severity: 'critical' }), alarm('b', { acknowledgedBy: 'lead.wang', acknowledgedTs: T + 60_000 })];
    el.log = [...el.active, alarm('c', { clearedTs: T + 5000 })];
    await mount(el);
    const root = shadow(el);
    const rows = [...root.querySelectorAll('ul.active li')];
    expect(rows.map((r) => r.getAttribute('data-alarm'))).toEqual(['a', 'b']);
    expect(rows[0]!.textContent.replace(/\s+/g, ' ')).toContain('Critical Billing');
    expect(rows[0]!.textContent.replace(/\s+/g, ' ')).toContain('Callers waiting 12 · limit 10');
    expect(rows[0]!.querySelector('[data-testid=alarm-ack]')).not.toBeNull();
    expect(rows[1]!.querySelector('[data-testid=alarm-ack]')).toBeNull();
    expect(rows[1]!.querySelector('.meta')!.textContent).toBe('Acknowledged by lead.wang at 02:01:00');
    let acked: string | null = null;
    el.addEventListener('wb-alarm-ack', (e) => (acked = e.detail.alarmId));
    rows[0]!.querySelector<HTMLButtonElement>('[data-testid=alarm-ack]')!.click();
    expect(acked).toBe('a');
    expect(root.querySelector('details summary')!.textContent).toBe('Today (1)');
  });

  it('keeps the sound and vibration choice in localStorage, off until the lead allows it', async () => {
    expect(alertAllowed()).toBe(false);
    const el = document.createElement('wb-alarm-list');
    await mount(el);
    const box = shadow(el).querySelector<HTMLInputElement>('[data-testid=alarm-sound]')!;
    expect(box.checked).toBe(false);
    box.checked = true;
    box.dispatchEvent(new Event('change'));
    expect(localStorage.getItem('wb.alarmAlert')).toBe('1');
    expect(alertAllowed()).toBe(true);
  });
});
