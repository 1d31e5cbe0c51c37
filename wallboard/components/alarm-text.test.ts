// @vitest-environment happy-dom
// An alarm on the whole floor's totals as the screens say it: the TV's banner and the tablet's list
// name it as the whole floor (全场 / Whole floor), even beside a queue whose id is "floor", and no
// queue row of the TV is marked for it.
import { afterEach, describe, expect, it } from 'vitest';
import type { Alarm } from '../../server/contract/snapshot.js';
import { createI18n } from '../i18n/i18n.js';
import { mount, shadow } from '../testing/dom.js';
import { alarmLine, alarmScope, alarmsByQueue } from './alarm-text.js';
import './wb-alarm-banner/wb-alarm-banner.js';
import './wb-alarm-list/wb-alarm-list.js';

afterEach(() => document.body.replaceChildren());

const T = Date.UTC(2026, 11, 1, 2, 0, 0);
const floorWaiting: Alarm = {
  id: `waiting:floor:${T}`,
  rule: 'waiting',
  scope: 'floor',
  severity: 'critical',
  value: 150,
  threshold: 60,
  raisedTs: T,
  acknowledgedBy: null,
  acknowledgedTs: null,
  clearedTs: null,
};
const floorLevel: Alarm = { ...floorWaiting, id: `service-level:floor:${T}`, rule: 'service-level', severity: 'warning', value: 0.55, threshold: 0.8 };
const queueAlarm: Alarm = { ...floorWaiting, id: `waiting:billing:${T}`, scope: 'billing', severity: 'warning', value: 12, threshold: 10 };

describe('alarms on the whole floor on the screens', () => {
  it('names the floor in both languages, whatever a queue is called', () => {
    const names = { floor: 'A queue called floor', billing: 'Billing' };
    expect(alarmScope(floorWaiting, createI18n('zh-CN'), names)).toBe('全场');
    expect(alarmScope(floorWaiting, createI18n('en'), names)).toBe('Whole floor');
    expect(alarmLine(floorLevel, createI18n('en'))).toBe('Service level (15 min) 55% · limit 80%');
    // The TV's queue rows: only the queue's alarm marks a row.
    expect([...alarmsByQueue([floorWaiting, floorLevel, queueAlarm])]).toEqual([['billing', 'warning']]);
  });

  it('the TV’s banner and the tablet’s list show it as the whole floor', async () => {
    const banner = Object.assign(document.createElement('wb-alarm-banner'), { alarms: [floorWaiting, queueAlarm], i18n: createI18n('zh-CN') });
    await mount(banner);
    expect(shadow(banner).querySelector('.what')!.textContent.replace(/\s+/g, ' ')).toBe('全场 · 排队人数 150 · 阈值 60');
    const list = Object.assign(document.createElement('wb-alarm-list'), { active: [floorWaiting], log: [floorWaiting], i18n: createI18n('en'), timeZone: 'UTC' });
    await mount(list);
    expect(shadow(list).querySelector('ul.active li')!.textContent.replace(/\s+/g, ' ')).toContain('Critical Whole floor');
  });
});
