// Each kind of hook's request and how to tell its answer: a generic signed JSON, the WeCom group
// robot, the DingTalk custom robot (signed in the query) and the Feishu/Lark custom bot (signed
// in the body). The signing follows each vendor's published algorithm; the receiver tests in
// test/unit/alerts-formats.test.ts verify each one the documented way.
import { createHmac } from 'node:crypto';
import type { AlertHook, HookKind } from './alert-config.js';
import type { AlertMessage } from './alert-message.js';

/** One POST to a hook. */
export interface HookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** What every kind is built from. */
export interface AlertPayload {
  /** The alarm stream entry's ID and the hook's id: the same on every retry and on every node. */
  idempotencyKey: string;
  message: AlertMessage;
  /** The generic hook's JSON (the transition, the alarm, the board); the robots show `message` only. */
  document: Record<string, unknown>;
}

/** The generic hook's signature header. */
export const SIGNATURE_HEADER = 'x-wallboard-signature';
export const IDEMPOTENCY_HEADER = 'idempotency-key';

/** The generic signature: HMAC-SHA256 over `${t}.${body}` keyed by the hook's secret, hex; t in Unix seconds. */
export function genericSignature(secret: string, t: number, body: string): string {
  return createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
}

/** DingTalk: HMAC-SHA256 of `${timestamp}\n${secret}` keyed by the secret, base64 (URL-encoded by the caller); timestamp in ms. */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

/** Feishu: HMAC-SHA256 keyed by `${timestamp}\n${secret}` over an empty message, base64; timestamp in seconds. */
export function feishuSign(secret: string, timestampS: number): string {
  return createHmac('sha256', `${timestampS}\n${secret}`).update('').digest('base64');
}

const WECOM_COLOUR = { critical: 'warning', warning: 'warning', ok: 'info', info: 'comment' } as const;
const FEISHU_TEMPLATE = { critical: 'red', warning: 'orange', ok: 'green', info: 'blue' } as const;

/** The request for one hook; `now` is the sending time (ms), which the signatures cover. */
export function buildRequest(hook: AlertHook, payload: AlertPayload, now: number): HookRequest {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', [IDEMPOTENCY_HEADER]: payload.idempotencyKey };
  const { message } = payload;
  switch (hook.kind) {
    case 'generic': {
      const body = JSON.stringify(payload.document);
      const t = Math.floor(now / 1000);
      // The schema requires a generic hook's secret.
      headers[SIGNATURE_HEADER] = `t=${t},v1=${genericSignature(hook.secret ?? '', t, body)}`;
      return { url: hook.url, headers, body };
    }
    case 'wecom': {
      const content = [`<font color="${WECOM_COLOUR[message.tone]}">**${message.title}**</font>`, ...message.lines.map((l) => `> ${l}`)].join('\n');
      return { url: hook.url, headers, body: JSON.stringify({ msgtype: 'markdown', markdown: { content } }) };
    }
    case 'dingtalk': {
      // DingTalk's markdown breaks a line only at an empty line.
      const text = [`### ${message.title}`, ...message.lines].join('\n\n');
      let url = hook.url;
      if (hook.secret !== undefined) {
        const u = new URL(hook.url);
        u.searchParams.set('timestamp', String(now));
        u.searchParams.set('sign', dingtalkSign(hook.secret, now));
        url = u.toString();
      }
      return { url, headers, body: JSON.stringify({ msgtype: 'markdown', markdown: { title: message.title, text } }) };
    }
    case 'feishu': {
      const card = {
        header: { title: { tag: 'plain_text', content: message.title }, template: FEISHU_TEMPLATE[message.tone] },
        elements: [{ tag: 'div', text: { tag: 'lark_md', content: message.lines.join('\n') } }],
      };
      const t = Math.floor(now / 1000);
      const signed = hook.secret === undefined ? {} : { timestamp: String(t), sign: feishuSign(hook.secret, t) };
      return { url: hook.url, headers, body: JSON.stringify({ ...signed, msg_type: 'interactive', card }) };
    }
    default: {
      const never: never = hook.kind;
      return never;
    }
  }
}

/** Whether an answer means delivered: a 2xx, and for the robots a zero error code in the body (they answer 200 with an error code). */
export function judgeAnswer(kind: HookKind, status: number, body: string): { ok: true } | { ok: false; error: string } {
  if (status < 200 || status > 299) return { ok: false, error: `HTTP ${status}` };
  if (kind === 'generic') return { ok: true };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { ok: false, error: 'answer is not JSON' };
  }
  const answer = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  const code = kind === 'feishu' ? (answer['code'] ?? answer['StatusCode']) : answer['errcode'];
  const text = kind === 'feishu' ? (answer['msg'] ?? answer['StatusMessage']) : answer['errmsg'];
  if (code === 0) return { ok: true };
  return { ok: false, error: `code ${String(code)}: ${typeof text === 'string' ? text.slice(0, 200) : ''}` };
}
