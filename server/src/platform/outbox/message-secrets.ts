/** What stands in for a secret in a message shown to staff. */
export const REDACTED = '[redacted]';

/**
 * The value of a `token` parameter in a link: password-reset and welcome links carry one, and whoever reads
 * it can choose the account's password. Held in the stored message (it has to be sent), never shown.
 */
const LINK_TOKEN = /([?&]token=)[^\s&#"'<>]+/gi;

/** The message text as staff may read it (the outbox page and API): link tokens replaced by [redacted]. */
export function redactSecrets(text: string): string {
  return text.replace(LINK_TOKEN, `$1${REDACTED}`);
}
