// Access control's settings: session lifetimes, the environment's admin token, the session secret,
// cookies, the login throttle and the base of display links.
import { z } from 'zod';
import { DEFAULT_LOGIN_THROTTLE, type LoginThrottleConfig } from './login-throttle.js';

export interface AccessConfig {
  /** How long a lead's or admin's session lasts without a request (a shift and a half). @default 43200000 (12 h) */
  sessionTtlMs: number;
  /** How long a paired TV stays paired without loading a page; browsers keep a cookie at most 400 days. @default 400 days */
  displaySessionTtlMs: number;
  /** One admin API token from the environment, for scripts, deployment tooling and tests. @default null (env WALLBOARD_ADMIN_TOKEN) */
  adminToken: string | null;
  /** Signs the session cookie; unset, one is made and kept in Redis so every process and restart shares it. @default null (env SESSION_SECRET) */
  sessionSecret: string | null;
  /** Cookies only over HTTPS: on when the server serves TLS itself; set it behind a TLS proxy. @default false (true with TLS_CERT) */
  secureCookies: boolean;
  /** Where display links point (scheme://host[:port]); unset, the address the creating request came to. @default null (env PUBLIC_URL) */
  publicUrl: string | null;
  /** Brute-force limits at /login. @default 10 per user, 30 per address, per 15 min */
  loginThrottle: LoginThrottleConfig;
  /** How often connected screens are checked against revocations and ended sessions. @default 2000 */
  sweepMs: number;
  /** Whether GET /metrics answers without a credential (for a Prometheus on a trusted network); else it needs a token with the automation or admin role. @default false */
  metricsOpen: boolean;
}

export const DEFAULT_ACCESS_CONFIG: AccessConfig = {
  sessionTtlMs: 12 * 3600_000,
  displaySessionTtlMs: 400 * 86_400_000,
  adminToken: null,
  sessionSecret: null,
  secureCookies: false,
  publicUrl: null,
  loginThrottle: DEFAULT_LOGIN_THROTTLE,
  sweepMs: 2000,
  metricsOpen: false,
};

/** The config file's `access` section. */
export const accessFileSchema = z.strictObject({
  sessionTtlMs: z.number().int().min(60_000).optional(),
  displaySessionTtlMs: z
    .number()
    .int()
    .min(3600_000)
    .max(400 * 86_400_000, 'browsers keep a cookie at most 400 days')
    .optional(),
  secureCookies: z.boolean().optional(),
  publicUrl: z.url().optional(),
  loginThrottle: z
    .strictObject({ perUser: z.number().int().min(1).optional(), perAddress: z.number().int().min(1).optional(), windowMs: z.number().int().min(1000).optional() })
    .optional(),
  sweepMs: z.number().int().min(200).max(5000, 'revocation must reach a screen within 5 s').optional(),
  metricsOpen: z.boolean().optional(),
});

/** Why an admin token is not taken, or null; never shows the token. */
export function adminTokenProblem(token: string): string | null {
  if (token.length < 16) return 'at least 16 characters (make one with: openssl rand -hex 32)';
  if (!/^[\x21-\x7e]+$/.test(token)) return 'printable ASCII without spaces (it travels in an HTTP header)';
  return null;
}
