// The pages' one way to the access API (REST, same origin, the session cookie). It keeps the
// session's CSRF token and sends it on every state-changing request, and turns every failure
// into an AccessError a page can explain.
import { AccessError, failureOf } from './access-error.js';
import type { QueueSettingsInput, QueueSettingsReply } from '../../server/contract/queue-settings.js';
import type { Display, DisplayList, DisplayView, RefusalList, Session, TokenRecord, TokenRole, UserRecord, UserRole } from './access-types.js';

export interface AccessApiOptions {
  /** The fetch to use. @default the window's fetch */
  fetch?: typeof fetch;
  /** Where the API lives; empty for the page's own origin. @default "" */
  base?: string;
}

export interface CreatedUser {
  user: UserRecord;
  /** The one-time password: shown once, never again. */
  password: string;
}

export interface CreatedToken {
  id: string;
  name: string;
  role: TokenRole;
  /** The secret: shown once, never again. */
  token: string;
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** GET/PUT /api/v1/alarm-rules's answer. */
export interface AlarmRulesAnswer {
  rules: unknown;
  source: 'config' | 'admin';
  updatedBy: string | null;
  updatedTs: number | null;
}

export class AccessApi {
  private readonly fetch: typeof fetch;
  private readonly base: string;
  private csrfToken: string | null = null;

  constructor(options: AccessApiOptions = {}) {
    this.fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.base = options.base ?? '';
  }

  /** Who this browser is; AccessError 'unauthorized' when nobody. */
  async session(): Promise<Session> {
    return this.keep(await this.request<Session | null>('GET', '/api/v1/session'));
  }

  async login(name: string, password: string): Promise<Session> {
    return this.keep(await this.request<Session | null>('POST', '/api/v1/session', { name, password }));
  }

  async logout(): Promise<void> {
    await this.request('DELETE', '/api/v1/session');
    this.csrfToken = null;
  }

  async changePassword(current: string, next: string): Promise<void> {
    await this.request('POST', '/api/v1/session/password', { current, next });
  }

  /** Every display, with the screens of every node that answered in time. */
  displays(): Promise<DisplayList> {
    return this.request<DisplayList>('GET', '/api/v1/displays');
  }

  createDisplay(name: string, view: DisplayView): Promise<Display> {
    return this.request<Display>('POST', '/api/v1/displays', { name, view });
  }

  /** A new link for the display; the old one stops pairing. */
  regenerateLink(id: string): Promise<Display> {
    return this.request<Display>('POST', `/api/v1/displays/${encodeURIComponent(id)}/link`);
  }

  async revokeDisplay(id: string): Promise<void> {
    await this.request('DELETE', `/api/v1/displays/${encodeURIComponent(id)}`);
  }

  async users(): Promise<UserRecord[]> {
    return (await this.request<{ users: UserRecord[] }>('GET', '/api/v1/users')).users;
  }

  createUser(name: string, role: UserRole, teams: string[]): Promise<CreatedUser> {
    return this.request<CreatedUser>('POST', '/api/v1/users', { name, role, teams });
  }

  /** A new one-time password for the user. */
  async resetPassword(name: string): Promise<string> {
    return (await this.request<{ password: string }>('POST', `/api/v1/users/${encodeURIComponent(name)}/password`)).password;
  }

  async deleteUser(name: string): Promise<void> {
    await this.request('DELETE', `/api/v1/users/${encodeURIComponent(name)}`);
  }

  async tokens(): Promise<TokenRecord[]> {
    return (await this.request<{ tokens: TokenRecord[] }>('GET', '/api/v1/tokens')).tokens;
  }

  createToken(name: string, role: TokenRole): Promise<CreatedToken> {
    return this.request<CreatedToken>('POST', '/api/v1/tokens', { name, role });
  }

  async deleteToken(id: string): Promise<void> {
    await this.request('DELETE', `/api/v1/tokens/${encodeURIComponent(id)}`);
  }

  /** The alarm rules in force (admins): the config file's, or the ones an admin saved. */
  alarmRules(): Promise<AlarmRulesAnswer> {
    return this.request<AlarmRulesAnswer>('GET', '/api/v1/alarm-rules');
  }

  /** Replaces the alarm rules on every node (admins); a rule the server refuses fails with each problem's path. */
  saveAlarmRules(rules: unknown): Promise<AlarmRulesAnswer> {
    return this.request<AlarmRulesAnswer>('PUT', '/api/v1/alarm-rules', rules);
  }

  /** What the server refused lately, newest first. */
  refusals(): Promise<RefusalList> {
    return this.request<RefusalList>('GET', '/api/v1/refusals');
  }

  /** Each queue's names and thresholds (admins only). */
  queueSettings(): Promise<QueueSettingsReply> {
    return this.request<QueueSettingsReply>('GET', '/api/v1/queue-settings');
  }

  /** Replaces every queue's settings; the answer is what was saved. */
  saveQueueSettings(queues: QueueSettingsInput): Promise<QueueSettingsReply> {
    return this.request<QueueSettingsReply>('PUT', '/api/v1/queue-settings', { queues });
  }

  // A server (or a proxy) that answers the path with a page rather than a session has no session API.
  private keep(session: Session | null): Session {
    if (typeof session?.principal !== 'object' || session.principal === null) throw new AccessError('notFound', 200, 'no session in the answer');
    // A token's session has none: it is sent as a Bearer header, which needs no CSRF token.
    this.csrfToken = typeof session.csrfToken === 'string' ? session.csrfToken : null;
    return session;
  }

  private async request<T = void>(method: Method, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && this.csrfToken !== null) headers['x-csrf-token'] = this.csrfToken;
    let response: Response;
    try {
      response = await this.fetch(this.base + path, {
        method,
        headers,
        credentials: 'same-origin',
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new AccessError('unreachable', 0, error instanceof Error ? error.message : String(error));
    }
    const text = await response.text().catch(() => '');
    const json = parseJson(text);
    if (!response.ok) {
      const detail = typeof json?.['error'] === 'string' ? json['error'] : text.slice(0, 200) || response.statusText;
      // A proxy in front of a server that is down answers 502-504: for the person, that is unreachable.
      const failure = response.status >= 502 && response.status <= 504 ? 'unreachable' : failureOf(response.status, detail);
      throw new AccessError(failure, response.status, detail, failure === 'throttled' ? retryAfterOf(json, response) : null);
    }
    return json as T;
  }
}

function parseJson(text: string): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function retryAfterOf(json: Record<string, unknown> | null, response: Response): number {
  const fromBody = json?.['retryAfterS'];
  if (typeof fromBody === 'number' && Number.isFinite(fromBody) && fromBody > 0) return Math.ceil(fromBody);
  const fromHeader = Number(response.headers.get('retry-after'));
  return Number.isFinite(fromHeader) && fromHeader > 0 ? Math.ceil(fromHeader) : 1;
}
