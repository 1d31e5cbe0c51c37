// Each hook format sent to a real HTTP receiver on loopback, which checks the body and the
// signature the way the vendor documents it (written here from the documents, not with the
// server's own signing functions), and the sender's handling of errors, hangs and robots' codes.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertsConfig, type AlertHook } from '../../server/alerts/alert-config.js';
import { buildRequest, type AlertPayload } from '../../server/alerts/alert-formats.js';
import { alertMessage, type MessageContext } from '../../server/alerts/alert-message.js';
import { factsOf, type AlarmRaised, type AlarmTransition } from '../../server/alerts/alarm-transition.js';
import { sendToHook } from '../../server/alerts/hook-sender.js';
import { freePort } from '../../server/redis/private-redis.js';

interface Received {
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

type Answer = { status: number; body: string } | 'hang';

const received: Received[] = [];
let answer: (r: Received) => Answer = () => ({ status: 200, body: '{"errcode":0,"errmsg":"ok"}' });
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const r = { path: url.pathname, query: url.searchParams, headers: req.headers, body };
      received.push(r);
      const a = answer(r);
      if (a === 'hang') return;
      res.writeHead(a.status, { 'content-type': 'application/json' }).end(a.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const SECRET = 'generic-secret-0123456789';
const ROBOT_SECRET = 'SECabcdef0123456789';
const NOW = Date.UTC(2026, 11, 1, 2, 30, 5);
const raised: AlarmRaised = {
  v: '1',
  type: 'alarm.raised',
  alarmId: 'a1',
  rule: 'longest-wait',
  scope: 'billing',
  severity: 'critical',
  value: 95,
  threshold: 60,
  ts: NOW - 1000,
};

function hook(kind: AlertHook['kind'], extra: Partial<AlertHook> = {}): AlertHook {
  const [h] = alertsConfig({ hooks: [{ id: kind, kind, url: `${base}/${kind}?access_token=tok`, ...(kind === 'generic' ? { secret: SECRET } : {}), ...extra }] }).hooks;
  return h!;
}

function ctx(lang: MessageContext['lang']): MessageContext {
  return { lang, boardName: '一楼热线', timeZone: 'Asia/Shanghai', scopeName: (s) => (s === 'billing' ? '账务查询' : undefined) };
}

async function send(h: AlertHook, transition: AlarmTransition = raised, timeoutMs = 2000) {
  const message = alertMessage(transition, factsOf(raised), ctx(h.lang));
  const payload: AlertPayload = {
    idempotencyKey: `1764556205000-0:${h.id}`,
    message,
    document: { version: 1, board: '一楼热线', transition, alarm: factsOf(raised), message },
  };
  received.length = 0;
  const outcome = await sendToHook(h.kind, buildRequest(h, payload, NOW), timeoutMs, () => performance.now());
  return { outcome, got: received[0] };
}

const hmac = (key: string, data: string, encoding: 'hex' | 'base64') => createHmac('sha256', key).update(data, 'utf8').digest(encoding);

describe('generic JSON hook', () => {
  it('is verified by the receiver: HMAC-SHA256 of "t.body" with the secret, in X-Wallboard-Signature', async () => {
    const { outcome, got } = await send(hook('generic'));
    expect(outcome).toMatchObject({ ok: true, status: 200, error: null });
    const header = String(got!.headers['x-wallboard-signature']);
    const parts = Object.fromEntries(header.split(',').map((p) => p.split('=') as [string, string]));
    expect(Number(parts['t'])).toBe(Math.floor(NOW / 1000));
    const expected = Buffer.from(hmac(SECRET, `${parts['t']}.${got!.body}`, 'hex'));
    expect(timingSafeEqual(Buffer.from(parts['v1']!), expected)).toBe(true);
    // The same check fails on a body changed in transit.
    expect(hmac(SECRET, `${parts['t']}.${got!.body.replace('95', '96')}`, 'hex')).not.toBe(parts['v1']);
    expect(got!.headers['idempotency-key']).toBe('1764556205000-0:generic');
    const body = JSON.parse(got!.body) as Record<string, Record<string, unknown>>;
    expect(body['board']).toBe('一楼热线');
    expect(body['transition']).toMatchObject({ type: 'alarm.raised', alarmId: 'a1', value: 95 });
    expect(body['alarm']).toMatchObject({ rule: 'longest-wait', scope: 'billing', severity: 'critical', threshold: 60 });
  });
});

describe('WeCom group robot', () => {
  it('sends msgtype markdown naming the rule, the queue by its display name, value against threshold and severity', async () => {
    const { outcome, got } = await send(hook('wecom'));
    expect(outcome.ok).toBe(true);
    expect(got!.query.get('access_token')).toBe('tok');
    const body = JSON.parse(got!.body) as { msgtype: string; markdown: { content: string } };
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.content).toContain('最长等待');
    expect(body.markdown.content).toContain('账务查询');
    expect(body.markdown.content).toContain('95 秒');
    expect(body.markdown.content).toContain('阈值 60 秒');
    expect(body.markdown.content).toContain('严重');
    expect(body.markdown.content).toContain('10:30:04');
  });
  it('counts an errcode answered with HTTP 200 as a failure', async () => {
    answer = () => ({ status: 200, body: '{"errcode":45009,"errmsg":"api freq out of limit"}' });
    const { outcome } = await send(hook('wecom'));
    answer = () => ({ status: 200, body: '{"errcode":0,"errmsg":"ok"}' });
    expect(outcome).toMatchObject({ ok: false, status: 200 });
    expect(outcome.error).toContain('45009');
  });
});

describe('DingTalk custom robot', () => {
  it('signs in the query: base64(HMAC-SHA256(secret, timestamp + "\\n" + secret)), timestamp in ms', async () => {
    const { outcome, got } = await send(hook('dingtalk', { secret: ROBOT_SECRET, lang: 'en' }));
    expect(outcome.ok).toBe(true);
    const timestamp = got!.query.get('timestamp')!;
    expect(Number(timestamp)).toBe(NOW);
    expect(got!.query.get('access_token')).toBe('tok');
    // URLSearchParams has undone the URL encoding, as DingTalk's server does.
    expect(got!.query.get('sign')).toBe(hmac(ROBOT_SECRET, `${timestamp}\n${ROBOT_SECRET}`, 'base64'));
    const body = JSON.parse(got!.body) as { msgtype: string; markdown: { title: string; text: string } };
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.title).toBe('[CRITICAL] Alarm: Longest wait — 账务查询');
    expect(body.markdown.text).toContain('Now: 95 s (threshold 60 s)');
  });
  it('sends no signature when the robot has no secret (a keyword robot)', async () => {
    const { got } = await send(hook('dingtalk'));
    expect(got!.query.has('sign')).toBe(false);
  });
});

describe('Feishu custom bot', () => {
  it('signs in the body: base64(HMAC-SHA256 keyed by timestamp + "\\n" + secret over ""), timestamp in s', async () => {
    answer = () => ({ status: 200, body: '{"code":0,"msg":"success","data":{}}' });
    const { outcome, got } = await send(hook('feishu', { secret: ROBOT_SECRET }));
    const body = JSON.parse(got!.body) as { timestamp: string; sign: string; msg_type: string; card: { header: { title: { content: string }; template: string } } };
    expect(outcome.ok).toBe(true);
    expect(Number(body.timestamp)).toBe(Math.floor(NOW / 1000));
    expect(body.sign).toBe(hmac(`${body.timestamp}\n${ROBOT_SECRET}`, '', 'base64'));
    expect(body.msg_type).toBe('interactive');
    expect(body.card.header.title.content).toBe('【严重】告警：最长等待 — 账务查询');
    expect(body.card.header.template).toBe('red');
  });
  it('says who acknowledged, and a clear says cleared', async () => {
    const ack = await send(hook('feishu'), { v: '1', type: 'alarm.acknowledged', alarmId: 'a1', by: 'zhang.wei', ts: NOW });
    expect(ack.got!.body).toContain('确认人：zhang.wei');
    expect(JSON.parse(ack.got!.body)).not.toHaveProperty('sign');
    const cleared = await send(hook('feishu', { lang: 'en' }), { v: '1', type: 'alarm.cleared', alarmId: 'a1', value: 20, ts: NOW });
    expect(cleared.got!.body).toContain('Cleared: Longest wait');
    expect(cleared.got!.body).toContain('Now: 20 s (threshold 60 s)');
    answer = () => ({ status: 200, body: '{"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time"}' });
    const refused = await send(hook('feishu', { secret: ROBOT_SECRET }));
    answer = () => ({ status: 200, body: '{"errcode":0,"errmsg":"ok"}' });
    expect(refused.outcome.error).toContain('19021');
  });
});

describe('the sender', () => {
  it('fails an attempt on a 500, on a hook that hangs (after the timeout) and on a closed port', async () => {
    answer = () => ({ status: 500, body: 'oops' });
    expect((await send(hook('generic'))).outcome).toMatchObject({ ok: false, status: 500, error: 'HTTP 500' });
    answer = () => 'hang';
    const hung = (await send(hook('generic'), raised, 300)).outcome;
    expect(hung).toMatchObject({ ok: false, status: null, error: 'timed out after 300 ms' });
    expect(hung.ms).toBeGreaterThanOrEqual(290);
    expect(hung.ms).toBeLessThan(2000);
    answer = () => ({ status: 200, body: '{"errcode":0,"errmsg":"ok"}' });
    const closed = await sendToHook('generic', { url: `http://127.0.0.1:${await freePort()}/x`, headers: {}, body: '{}' }, 1000, () => performance.now());
    expect(closed).toMatchObject({ ok: false, status: null, error: 'ECONNREFUSED' });
  });
});
