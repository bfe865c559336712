import type { AppContext } from '../../app-context.ts';
import type { Executor } from '../db/database.ts';
import { expireResetTokens, insertResetToken, lockResetLinksOf } from './auth.repository.ts';
import { hashToken, newToken } from './secret-token.ts';

const VALIDITY_MS = { reset: 60 * 60_000, admin: 24 * 60 * 60_000, welcome: 72 * 60 * 60_000 } as const;

/**
 * Ends every outstanding reset or welcome link of the account, in the caller's transaction: after a password
 * change, a deactivation, or before a new link is issued. Only the newest link ever works.
 */
export async function endResetLinks(tx: Executor, userId: string): Promise<void> {
  await lockResetLinksOf(tx, userId);
  await expireResetTokens(tx, userId);
}

/**
 * Creates a single-use link and queues the email carrying it, in the caller's transaction. Every other
 * outstanding link of the account stops working.
 */
export async function issuePasswordReset(
  ctx: Pick<AppContext, 'config' | 'outbox'>,
  tx: Executor,
  user: { id: string; email: string; name: string },
  kind: keyof typeof VALIDITY_MS,
): Promise<void> {
  const token = newToken('', 32);
  const expiresAt = new Date(Date.now() + VALIDITY_MS[kind]);
  await endResetLinks(tx, user.id);
  await insertResetToken(tx, { userId: user.id, tokenHash: hashToken(token), expiresAt });
  const link = `${ctx.config.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
  const hours = Math.round(VALIDITY_MS[kind] / 3_600_000);
  const intro =
    kind === 'welcome'
      ? 'An account was created for you in Carebase. Choose your password with this link:'
      : 'A password reset was requested for your Carebase account. Choose a new password with this link:';
  await ctx.outbox.queueEmail(tx, {
    to: user.email,
    subject: kind === 'welcome' ? 'Your Carebase account' : 'Reset your Carebase password',
    text: `Hello ${user.name},\n\n${intro}\n\n${link}\n\nThe link works once and expires in ${hours} hour${hours === 1 ? '' : 's'}. If you did not expect this email, you can ignore it.\n`,
  });
}
