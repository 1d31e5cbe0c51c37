// The alarm rules form's pure half: the saved rules shown in each rule's unit with the defaults
// filled in, read back into rules the server's own schema takes and that put the same rules in
// force, only what differs written, and the server's checks made on the form's fields.
import { describe, expect, it } from 'vitest';
import {
  alarmRulesSchema,
  DEFAULT_ALARM_RULES,
  DEFAULT_FLOOR_ALARM_RULES,
  DEFAULT_KPI_RULE,
  floorRuleFor,
  kpiRuleOf,
  thresholdRuleFor,
  type AlarmRulesInput,
} from '../../../server/core/alarm-rules.js';
import { FLOOR_RULES, FLOOR_TOTALS, newQueue, QUEUE_RULES, toForm, withMode, type AlarmRulesDoc, type RuleDefaults, type RulesForm } from './alarm-rules-form.js';
import { fromForm, problemsOf, type FieldError } from './alarm-rules-read.js';

const defaults: RuleDefaults = { rules: DEFAULT_ALARM_RULES, kpi: DEFAULT_KPI_RULE, floor: DEFAULT_FLOOR_ALARM_RULES };

function read(form: RulesForm): AlarmRulesDoc {
  const result = fromForm(form, defaults);
  if (!result.ok) throw new Error(`form refused: ${JSON.stringify(result.errors)}`);
  return result.doc;
}

/** The rules each scope has in force, as the server resolves them. */
function inForce(doc: AlarmRulesDoc | AlarmRulesInput, queues: string[]) {
  const config = alarmRulesSchema.parse(doc);
  const out: Record<string, unknown> = { enabled: config.enabled !== false, kpi: kpiRuleOf(config) };
  for (const rule of FLOOR_RULES) out[`floor/${rule}`] = thresholdRuleFor(config, rule, null);
  for (const q of queues) for (const rule of QUEUE_RULES) out[`${q}/${rule}`] = thresholdRuleFor(config, rule, q);
  for (const rule of FLOOR_TOTALS) out[`totals/${rule}`] = floorRuleFor(config, rule);
  return out;
}

const edit = (form: RulesForm, change: (f: RulesForm) => void): RulesForm => {
  const copy = structuredClone(form);
  change(copy);
  return copy;
};

describe('alarm rules ⇄ form values', () => {
  it('shows the defaults in each rule’s unit: seconds, a count, a percent; minimum times in seconds', () => {
    const form = toForm({}, defaults);
    expect(form.enabled).toBe(true);
    expect(form.rules['longest-wait']).toEqual({
      on: true,
      warning: { raise: '60', clear: '45' },
      critical: { raise: '120', clear: '90' },
      minTime: '5',
      minSample: '0',
    });
    expect(form.rules['service-level']).toMatchObject({ warning: { raise: '80', clear: '85' }, critical: { raise: '60', clear: '70' }, minTime: '60', minSample: '10' });
    expect(form.kpi).toEqual({ on: true, severity: 'warning', minTime: '300', minSample: '20' });
    expect(form.queues).toEqual([]);
    expect(form.floor['service-level']).toMatchObject({ on: true, warning: { raise: '80', clear: '85' }, minSample: '10' });
    expect(form.floor.waiting).toEqual({ on: false, warning: { raise: '30', clear: '20' }, critical: { raise: '60', clear: '45' }, minTime: '30', minSample: '0' });
    expect(read(form)).toEqual({});
  });

  it('the floor’s totals: a rule off by default is saved as on by naming it, one on by default as false when off', () => {
    const form = edit(toForm({}, defaults), (f) => {
      f.floor.waiting.on = true;
      f.floor['longest-wait'].on = true;
      f.floor['longest-wait'].warning = { raise: '90', clear: '60' };
      f.floor['no-agent'].on = false;
      f.floor['service-level'].minTime = '120';
    });
    expect(read(form)).toEqual({
      floor: { waiting: {}, 'longest-wait': { warning: { raise: 90, clear: 60 } }, 'no-agent': false, 'service-level': { minMs: 120_000 } },
    });
    // The queues' rules are apart: editing the floor's leaves "rules" unsaid, and the reverse.
    expect(read(edit(toForm({}, defaults), (f) => (f.rules['service-level'].on = false)))).toEqual({ rules: { 'service-level': false } });
    // Switched off again, an off-by-default rule is simply not named.
    expect(read(edit(toForm({ floor: { waiting: { warning: { raise: 50, clear: 40 } } } }, defaults), (f) => (f.floor.waiting.on = false)))).toEqual({});
  });

  const saved: AlarmRulesInput[] = [
    {},
    { enabled: false },
    { rules: { 'longest-wait': { warning: { raise: 30, clear: 20 }, critical: null, minMs: 2500 }, 'kpi-missed': false, 'source-quiet': false } },
    { rules: { 'service-level': { warning: { raise: 0.9, clear: 0.925 }, minSample: 4 }, 'kpi-missed': { severity: 'critical', minMs: 0 } } },
    {
      rules: { waiting: { warning: { raise: 5, clear: 3 } } },
      queues: {
        vip: { waiting: { warning: { raise: 1, clear: 0 }, minMs: 0 }, 'no-agent': false },
        billing: { 'service-level': { critical: { raise: 0.5, clear: 0.55 } } },
        empty: {},
      },
    },
    { floor: { waiting: {}, 'service-level': false } },
    { floor: { 'longest-wait': { critical: null, minMs: 0 }, 'no-agent': { critical: { raise: 3, clear: 1 } }, 'service-level': { minSample: 30 } } },
    { rules: { 'service-level': false }, floor: { waiting: { warning: { raise: 100, clear: 80 }, critical: null }, 'no-agent': false } },
  ];
  it.each(saved.map((doc) => [JSON.stringify(doc), doc] as const))('%s: read back, the server takes it and has the same rules in force', (_name, doc) => {
    const back = read(toForm(doc, defaults));
    expect(alarmRulesSchema.safeParse(back).success).toBe(true);
    const queues = Object.keys(doc.queues ?? {});
    expect(inForce(back, [...queues, 'other'])).toEqual(inForce(doc, [...queues, 'other']));
    expect(Object.keys(back.queues ?? {}).sort()).toEqual(queues.sort());
  });

  it('writes an edit in the schema’s units and only what differs from the default', () => {
    const form = edit(toForm({}, defaults), (f) => {
      f.rules['service-level'].warning.raise = '75.5';
      f.rules['longest-wait'].minTime = '90';
      f.rules['waiting'].critical = { raise: '', clear: '' };
      f.rules['no-agent'].on = false;
      f.kpi.severity = 'critical';
    });
    expect(read(form)).toEqual({
      rules: {
        'service-level': { warning: { raise: 0.755, clear: 0.85 } },
        'longest-wait': { minMs: 90_000 },
        waiting: { critical: null },
        'no-agent': false,
        'kpi-missed': { severity: 'critical' },
      },
    });
  });

  it('a queue override starts as the floor’s; "own" starts from the floor’s values as typed, and writes what differs from them', () => {
    let form = edit(toForm({}, defaults), (f) => (f.rules.waiting.warning.raise = '12'));
    form = { ...form, queues: [newQueue(form, 'vip')] };
    expect(read(form)).toEqual({ rules: { waiting: { warning: { raise: 12, clear: 7 } } }, queues: { vip: {} } });
    form = withMode(form, 0, 'waiting', 'own');
    expect(form.queues[0]!.rules.waiting.warning).toEqual({ raise: '12', clear: '7' });
    form = edit(form, (f) => (f.queues[0]!.rules.waiting.warning = { raise: '3', clear: '2' }));
    form = withMode(form, 0, 'longest-wait', 'off');
    expect(read(form).queues).toEqual({ vip: { waiting: { warning: { raise: 3, clear: 2 } }, 'longest-wait': false } });
    // Back to "as the floor": nothing of its own is saved.
    expect(read(withMode(form, 0, 'waiting', 'inherit')).queues).toEqual({ vip: { 'longest-wait': false } });
  });
});

describe('the form’s checks mirror the server’s', () => {
  const problems = (change: (f: RulesForm) => void, doc: AlarmRulesDoc = {}): FieldError[] => problemsOf(edit(toForm(doc, defaults), change), defaults);

  it.each([
    ['a clear above the raise of a rising rule', (f: RulesForm): unknown => (f.rules.waiting.warning.clear = '11'), 'rules.waiting.warning.clear', 'clearAbove'],
    [
      'a clear below the raise of a falling rule',
      (f: RulesForm): unknown => (f.rules['service-level'].warning.clear = '70'),
      'rules.service-level.warning.clear',
      'clearBelow',
    ],
    [
      'critical less far gone than warning (rising)',
      (f: RulesForm): unknown => (f.rules['longest-wait'].critical = { raise: '50', clear: '40' }),
      'rules.longest-wait.critical.raise',
      'criticalAbove',
    ],
    [
      'critical less far gone than warning (falling)',
      (f: RulesForm): unknown => (f.rules['service-level'].critical = { raise: '85', clear: '90' }),
      'rules.service-level.critical.raise',
      'criticalBelow',
    ],
  ] as const)('%s: the form says so, and so does the server', (_name, change, field, code) => {
    expect(problems(change)).toEqual([{ field, code }]);
    // The same figures written straight to the server's schema are refused there too.
    const form = edit(toForm({}, defaults), change);
    const [, rule] = field.split('.') as [string, (typeof FLOOR_RULES)[number]];
    const f = form.rules[rule];
    const scale = rule === 'service-level' ? 0.01 : 1;
    const level = (l: { raise: string; clear: string }) => ({ raise: Number(l.raise) * scale, clear: Number(l.clear) * scale });
    expect(alarmRulesSchema.safeParse({ rules: { [rule]: { warning: level(f.warning), critical: level(f.critical) } } }).success).toBe(false);
  });

  it.each([
    ['not a number', (f: RulesForm): unknown => (f.rules.waiting.warning.raise = '10x'), [{ field: 'rules.waiting.warning.raise', code: 'number' }]],
    ['a level half given', (f: RulesForm): unknown => (f.rules.waiting.warning.clear = ' '), [{ field: 'rules.waiting.warning.clear', code: 'bothOrNeither' }]],
    ['a minimum time below zero', (f: RulesForm): unknown => (f.rules.waiting.minTime = '-1'), [{ field: 'rules.waiting.minTime', code: 'minTime' }]],
    ['a minimum time over a day', (f: RulesForm): unknown => (f.kpi.minTime = '86401'), [{ field: 'kpi.minTime', code: 'minTime' }]],
    [
      'a minimum sample not whole',
      (f: RulesForm): unknown => (f.rules['service-level'].minSample = '2.5'),
      [{ field: 'rules.service-level.minSample', code: 'minSample' }],
    ],
  ] as const)('%s', (_name, change, expected) => {
    expect(problems(change)).toEqual(expected);
  });

  it('queue ids: given, at most 128 characters, each once; a queue’s own values are checked, "as the floor" ones are not', () => {
    const base = toForm({ queues: { a: {}, b: {}, c: {} } }, defaults);
    const form = edit(base, (f) => {
      f.queues[1]!.queue = ' a ';
      f.queues[2]!.queue = 'x'.repeat(129);
      f.queues.push({ ...newQueue(f, '') });
      f.queues[0]!.rules.waiting = { ...f.queues[0]!.rules.waiting, mode: 'own', warning: { raise: '2', clear: '3' } };
      f.queues[1]!.rules.waiting.warning.raise = 'junk';
    });
    expect(problemsOf(form, defaults)).toEqual([
      { field: 'queues.0.waiting.warning.clear', code: 'clearAbove' },
      { field: 'queues.1.queue', code: 'queueDuplicate' },
      { field: 'queues.2.queue', code: 'queueLong' },
      { field: 'queues.3.queue', code: 'queueEmpty' },
    ]);
  });

  it('checks the floor’s totals as the server does, and only those switched on', () => {
    expect(problems((f) => ((f.floor.waiting.on = true), (f.floor.waiting.warning.clear = '31')))).toEqual([
      { field: 'floor.waiting.warning.clear', code: 'clearAbove' },
    ]);
    expect(problems((f) => (f.floor['service-level'].critical = { raise: '90', clear: '95' }))).toEqual([
      { field: 'floor.service-level.critical.raise', code: 'criticalBelow' },
    ]);
    expect(problems((f) => (f.floor.waiting.warning.raise = 'x'))).toEqual([]);
    expect(alarmRulesSchema.safeParse({ floor: { waiting: { warning: { raise: 30, clear: 31 } } } }).success).toBe(false);
  });

  it('a rule switched off is saved as off whatever its figures say', () => {
    expect(
      read(edit(toForm({}, defaults), (f) => ((f.rules.waiting.on = false), (f.rules.waiting.warning.raise = 'x'), (f.kpi.on = false), (f.kpi.minTime = '')))),
    ).toEqual({
      rules: { waiting: false, 'kpi-missed': false },
    });
  });
});
