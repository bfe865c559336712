import { Center, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

interface ThumbnailProps {
  src: string;
  alt: string;
  size?: number;
}

/** A small rendered image, loaded only when scrolled into view; a plain box when it cannot be drawn. */
export function Thumbnail({ src, alt, size = 128 }: ThumbnailProps) {
  const { t } = useTranslation();
  const [failed, setFailed] = useState(false);
  const box = {
    width: size,
    height: size,
    background: 'var(--mantine-color-dark-9)',
    borderRadius: 6,
    flex: 'none',
  } as const;
  if (failed) {
    return (
      <Center style={box} role="img" aria-label={alt}>
        <Text size="xs" c="gray.4" ta="center" px={4}>
          {t('imaging.noPreview')}
        </Text>
      </Center>
    );
  }
  return (
    <img
      src={src}
      alt={alt}
      width={size}
      height={size}
      loading="lazy"
      decoding="async"
      onError={() => setFailed(true)}
      style={{ ...box, objectFit: 'contain', display: 'block' }}
    />
  );
}
