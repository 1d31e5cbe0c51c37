// The admin page's way to the alerts' REST API: the delivery log with the hooks, and a test
// message to one hook. The shapes are those of server/alerts (delivery-log.ts, alert-config.ts);
// errors become the AccessError the other admin lists explain.
import type { AccessApi } from '../../access/access-api.js';
import { AccessError, failureOf } from '../../access/access-error.js';

export const ALERT_TRANSITIONS = ['alarm.raised', 'alarm.acknowledged', 'alarm.cleared', 'test'] as const;
export const ALERT_OUTCOMES = ['delivered', 'failed', 'gave-up'] as const;
export const HOOK_KINDS = ['generic', 'wecom', 'dingtalk', 'feishu'] as const;

/** A hook as the server tells it: no URL, no secret. */
export interface AlertHookInfo {
  id: string;
  kind: (typeof HOOK_KINDS)[number];
  lang: 'zh-CN' | 'en';
  transitions: string[];
  severities: string[];
  signed: boolean;
  host: string;
}

/** One attempt to send a transition to a hook. */
export interface AlertDelivery {
  id: string;
  ts: number;
  hook: string;
  node: string;
  entry: string;
  transition: string;
  alarmId: string | null;
  attempt: number;
  outcome: string;
  status: number | null;
  error: string | null;
  ms: number;
}

export interface AlertLog {
  hooks: AlertHookInfo[];
  deliveries: AlertDelivery[];
}

export interface TestOutcome {
  ok: boolean;
  status: number | null;
  error: string | null;
}

export class AlertLogApi {
  constructor(
    /** Holds the session, whose CSRF token a test message needs. */
    private readonly access: AccessApi,
    private readonly fetchImpl: typeof fetch,
  ) {}

  deliveries(): Promise<AlertLog> {
    return this.request<AlertLog>('GET', '/api/v1/alerts/deliveries');
  }

  async sendTest(hookId: string): Promise<TestOutcome> {
    const { csrfToken } = await this.access.session();
    return this.request<TestOutcome>('POST', `/api/v1/alerts/test/${encodeURIComponent(hookId)}`, csrfToken);
  }

  private async request<T>(method: 'GET' | 'POST', path: string, csrf: string | null = null): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (csrf !== null) headers['x-csrf-token'] = csrf;
    let response: Response;
    try {
      response = await this.fetchImpl(path, { method, headers, credentials: 'same-origin' });
    } catch (error) {
      throw new AccessError('unreachable', 0, error instanceof Error ? error.message : String(error));
    }
    const body = (await response.json().catch(() => null)) as (T & { error?: unknown }) | null;
    if (!response.ok || body === null) {
      const detail = typeof body?.error === 'string' ? body.error : response.statusText;
      throw new AccessError(response.status >= 502 && response.status <= 504 ? 'unreachable' : failureOf(response.status, detail), response.status, detail);
    }
    return body;
  }
}
