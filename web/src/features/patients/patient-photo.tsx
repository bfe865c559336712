import { PHOTO_CONTENT_TYPES, PHOTO_MAX_BYTES } from '@carebase/contracts';
import { Avatar, Button, FileButton, Group, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../attachments/file-rules.ts';

/** Why a chosen photo cannot be used, as a translation key; null when it is fine. */
export function photoProblem(file: File): 'patients.photo.wrongType' | 'patients.photo.tooLarge' | null {
  if (!(PHOTO_CONTENT_TYPES as readonly string[]).includes(file.type)) return 'patients.photo.wrongType';
  if (file.size > PHOTO_MAX_BYTES) return 'patients.photo.tooLarge';
  return null;
}

interface PhotoPickerProps {
  /** What is shown while nothing new was chosen. */
  currentUrl?: string | null;
  initials: string;
  file: File | null;
  onChange: (file: File | null) => void;
  busy?: boolean;
  /** Extra actions (remove the saved photo). */
  actions?: React.ReactNode;
  error?: string | null;
}

/** Chooses a JPEG or PNG and shows it before it is saved. */
export function PhotoPicker({
  currentUrl,
  initials,
  file,
  onChange,
  busy,
  actions,
  error,
}: PhotoPickerProps) {
  const { t, i18n } = useTranslation();
  const [preview, setPreview] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!file) {
      setPreview(null);
      return;
    }
    const url = URL.createObjectURL(file);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);

  const choose = (chosen: File | null) => {
    if (!chosen) return;
    const found = photoProblem(chosen);
    if (found) {
      setProblem(t(found, { max: formatBytes(PHOTO_MAX_BYTES, i18n.language) }));
      return;
    }
    setProblem(null);
    onChange(chosen);
  };

  const message = problem ?? error;
  return (
    <Group gap="lg" align="center">
      <Avatar
        src={preview ?? currentUrl ?? null}
        size={96}
        radius="md"
        color="teal"
        alt={preview ? t('patients.photo.previewAlt') : currentUrl ? t('patients.photo.currentAlt') : ''}
      >
        {initials}
      </Avatar>
      <Stack gap={6}>
        <Group gap="sm">
          <FileButton onChange={choose} accept={PHOTO_CONTENT_TYPES.join(',')}>
            {(props) => (
              <Button variant="default" loading={busy} {...props}>
                {file || currentUrl ? t('patients.photo.change') : t('patients.photo.choose')}
              </Button>
            )}
          </FileButton>
          {file ? (
            <Button variant="subtle" color="gray" onClick={() => onChange(null)}>
              {t('patients.photo.discard')}
            </Button>
          ) : null}
          {actions}
        </Group>
        <Text size="xs" c="dimmed">
          {t('patients.photo.rules', { max: formatBytes(PHOTO_MAX_BYTES, i18n.language) })}
        </Text>
        {message ? (
          <Text size="sm" c="red" role="alert">
            {message}
          </Text>
        ) : null}
      </Stack>
    </Group>
  );
}
