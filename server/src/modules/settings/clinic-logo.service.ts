import {
  LOGO_CONTENT_TYPES,
  type LogoContentType,
  MAX_LOGO_BYTES,
  type PublicSettings,
  UPLOADED_LOGO_PATH,
} from '@carebase/contracts';
import type { AppContext } from '../../app-context.ts';
import type { ActorContext } from '../../platform/audit/audit.writer.ts';
import { AppError } from '../../platform/errors.ts';
import { sniffContentType } from '../../platform/files/file-type.ts';
import { checkRawUpload, type RawUploadRules, storeRawUpload } from '../../platform/files/raw-upload.ts';
import { getSystemSettings, publicSettingsOf, saveSystemSettings } from './settings.service.ts';

export const LOGO_UPLOAD_RULES: RawUploadRules<LogoContentType> = {
  accepted: LOGO_CONTENT_TYPES,
  maxBytes: MAX_LOGO_BYTES,
  purpose: 'the clinic logo',
};

/** Stores the image and makes it the clinic's logo, through the audited settings change. */
export async function uploadClinicLogo(
  ctx: AppContext,
  actor: ActorContext,
  body: unknown,
  declaredType: string | undefined,
): Promise<PublicSettings> {
  const upload = await checkRawUpload(body, declaredType, LOGO_UPLOAD_RULES);
  // Before the change's transaction (the embedded database has one connection); a blob no setting names is
  // collected later.
  const { sha256: sha } = await storeRawUpload(ctx.blobs, ctx.db, upload, LOGO_UPLOAD_RULES);
  return publicSettingsOf(
    await saveSystemSettings(ctx, actor, { logoUrl: `${UPLOADED_LOGO_PATH}${sha}` }),
    ctx.config,
  );
}

export async function removeClinicLogo(ctx: AppContext, actor: ActorContext): Promise<PublicSettings> {
  return publicSettingsOf(await saveSystemSettings(ctx, actor, { logoUrl: null }), ctx.config);
}

const NOT_THE_LOGO = "This is not the clinic's logo.";

/** The bytes of the clinic's current logo, and nothing else of the blob store (which holds patients' files). */
export async function readClinicLogo(
  ctx: AppContext,
  sha: string,
): Promise<{ bytes: Buffer; type: LogoContentType }> {
  const { logoUrl } = await getSystemSettings(ctx);
  if (logoUrl !== `${UPLOADED_LOGO_PATH}${sha}`) throw new AppError('not_found', NOT_THE_LOGO);
  let bytes: Buffer;
  try {
    bytes = await ctx.blobs.read(sha);
  } catch (err) {
    ctx.log.warn({ sha, err }, 'the clinic logo could not be read');
    throw new AppError('not_found', NOT_THE_LOGO);
  }
  const sniffed = sniffContentType(bytes);
  const type = LOGO_CONTENT_TYPES.find((t) => t === sniffed);
  if (!type) throw new AppError('not_found', NOT_THE_LOGO);
  return { bytes, type };
}
