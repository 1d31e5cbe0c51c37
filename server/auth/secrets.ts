// Secrets the server hands out (display links, API tokens, one-time passwords) and how it keeps
// them: a link or token is looked up by its SHA-256, so the index never holds the secret itself;
// 32 random bytes need no slow hash, unlike a password a person chose.
import { createHash, randomBytes, randomInt } from 'node:crypto';

/** 256 bits, URL-safe: a display link's or an API token's secret. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function secretDigest(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Letters and digits a person reads off a terminal without confusing (no 0/O, 1/l/I). */
const READABLE = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A one-time password: 16 readable characters, about 93 bits. */
export function newOneTimePassword(): string {
  let out = '';
  for (let i = 0; i < 16; i += 1) out += READABLE[randomInt(READABLE.length)];
  return out;
}

/** A short id for a display or token (not a secret). */
export function newId(): string {
  return randomBytes(6).toString('hex');
}
