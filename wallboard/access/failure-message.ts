// What the admin page says when a request failed, in the page's language. The server's own
// English words appear only where they name the field it refused (400).
import type { I18n } from '../i18n/i18n.js';
import { AccessError } from './access-error.js';

/** The reader's sentence for `error`; anything that is not an AccessError is a bug and rethrown. */
export function failureMessage(error: unknown, i18n: I18n): string {
  if (!(error instanceof AccessError)) throw error;
  switch (error.failure) {
    case 'unauthorized':
    case 'passwordChange':
      return i18n.t('admin.err.unauthorized');
    case 'forbidden':
      return i18n.t('admin.err.forbidden');
    case 'invalid':
      return i18n.t('admin.err.invalid', { detail: error.detail });
    case 'notFound':
      return i18n.t('admin.err.notFound');
    case 'conflict':
      return i18n.t('admin.err.conflict');
    case 'throttled':
    case 'server':
      return i18n.t('admin.err.server', { status: error.status });
    case 'unreachable':
      return i18n.t('admin.err.unreachable');
    default: {
      const never: never = error.failure;
      return never;
    }
  }
}

/** Whether `error` means the session is over, so the page should go to the login. */
export function endsSession(error: unknown): error is AccessError {
  return error instanceof AccessError && (error.failure === 'unauthorized' || error.failure === 'passwordChange');
}
