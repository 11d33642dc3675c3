import { i18n } from '../i18n';
import { errorMessage, fieldError, IpcError } from '../lib/ipc';

/**
 * Why the Connect form's sign-in was refused, in the console's language. A 401 here means the
 * credentials typed were refused: the common wording ("the server no longer accepts this
 * sign-in") is for a session that ended, and told a person who mistyped a password to sign in again.
 */
export function connectError(error: unknown, method: 'password' | 'api_key'): string {
  if (error instanceof IpcError && error.code === 'unauthorized')
    return i18n.t(method === 'password' ? 'connection:wrongEmailOrPassword' : 'connection:apiKeyRefused');
  return errorMessage(error);
}

/**
 * A field's own refusal, beside it. Main's check of the API URL's shape says so in English
 * ("url: must be an http(s) URL"): that one is worded here; any other stays as the server put it.
 */
export function connectFieldError(error: unknown, field: string): string | undefined {
  const shown = fieldError(error, field);
  if (shown !== undefined && field === 'url' && /http\(s\) URL/i.test(shown))
    return i18n.t('connection:urlMustBeHttp');
  return shown;
}
