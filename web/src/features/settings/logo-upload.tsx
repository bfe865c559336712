import { MAX_LOGO_BYTES } from '@carebase/contracts';
import { Box, Button, FileButton, Group, Image, Input, Stack, Text } from '@mantine/core';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/query-error.tsx';
import { UploadProgress } from '../../components/upload-progress.tsx';
import { useNotify } from '../../components/use-error-message.ts';
import { formatBytes } from '../attachments/file-rules.ts';
import { type LogoProblem, logoFileProblem, logoProblemOf } from './logo-rules.ts';
import { useRemoveLogo, useUploadLogo } from './settings.queries.ts';

const PREVIEW = 72;

/**
 * The clinic logo: a preview, a button to upload a new image (saved at once, with its progress) and one to
 * remove it. Used by the set-up guide and the clinic settings.
 */
export function LogoUpload({ logoUrl, disabled = false }: { logoUrl: string | null; disabled?: boolean }) {
  const { t, i18n } = useTranslation();
  const notify = useNotify();
  const upload = useUploadLogo();
  const remove = useRemoveLogo();
  const [progress, setProgress] = useState(0);
  const [problem, setProblem] = useState<LogoProblem | null>(null);
  // Clears the hidden input after each choice, so the same file can be chosen again after a refusal.
  const resetInput = useRef<() => void>(null);
  const labelId = useId();
  const hintId = useId();
  const max = formatBytes(MAX_LOGO_BYTES, i18n.language);
  const busy = upload.isPending || remove.isPending;

  const choose = (file: File | null) => {
    upload.reset();
    remove.reset();
    resetInput.current?.();
    if (!file) return;
    const found = logoFileProblem(file);
    setProblem(found);
    if (found) return;
    setProgress(0);
    upload.mutate(
      { file, onProgress: setProgress },
      { onSuccess: () => notify.success(t('clinicSettings.logo.uploaded')) },
    );
  };

  const clear = () => {
    upload.reset();
    setProblem(null);
    remove.mutate(undefined, { onSuccess: () => notify.success(t('clinicSettings.logo.removed')) });
  };

  const shown = problem ?? logoProblemOf(upload.error);
  const otherError = shown ? null : (upload.error ?? remove.error);
  const percent = Math.round(progress * 100);

  return (
    <Stack gap={6} role="group" aria-labelledby={labelId} aria-describedby={hintId}>
      <Input.Label id={labelId}>{t('clinicSettings.logo.label')}</Input.Label>
      <Group gap="md" wrap="nowrap" align="center">
        {logoUrl ? (
          <Image
            src={logoUrl}
            alt={t('clinicSettings.logo.current')}
            w={PREVIEW}
            h={PREVIEW}
            fit="contain"
            radius="sm"
            style={{ border: '1px solid var(--mantine-color-default-border)' }}
          />
        ) : (
          <Box
            w={PREVIEW}
            h={PREVIEW}
            role="img"
            aria-label={t('clinicSettings.logo.none')}
            style={{
              border: '1px dashed var(--mantine-color-default-border)',
              borderRadius: 'var(--mantine-radius-sm)',
              flexShrink: 0,
            }}
          />
        )}
        <Group gap="xs">
          <FileButton
            onChange={choose}
            resetRef={resetInput}
            accept="image/png,image/jpeg,image/webp"
            disabled={disabled || busy}
          >
            {(props) => (
              <Button variant="default" {...props} disabled={disabled || busy} loading={upload.isPending}>
                {t('clinicSettings.logo.choose')}
              </Button>
            )}
          </FileButton>
          {logoUrl && !disabled ? (
            <Button variant="subtle" color="red" onClick={clear} disabled={busy} loading={remove.isPending}>
              {t('clinicSettings.logo.remove')}
            </Button>
          ) : null}
        </Group>
      </Group>
      <Text size="xs" c="dimmed" id={hintId}>
        {t('clinicSettings.logo.hint', { max })}
      </Text>
      {upload.isPending ? (
        <UploadProgress
          percent={percent}
          label={t('clinicSettings.logo.progress')}
          text={t('clinicSettings.logo.uploading', { percent })}
        />
      ) : null}
      {shown ? (
        <Text size="sm" c="red" role="alert">
          {t(`clinicSettings.logo.problems.${shown}`, { max })}
        </Text>
      ) : null}
      <FormError error={otherError} />
    </Stack>
  );
}
