import { Button, Center } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Empty } from '../../components/empty.tsx';
import { IconCompass } from '../../components/icons.tsx';
import { usePageTitle } from '../../components/use-page-title.ts';

export function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t('pages.notFound.title'));
  return (
    <Center mih="60vh">
      <Empty
        headingOrder={1}
        icon={<IconCompass size={28} />}
        title={t('pages.notFound.title')}
        description={t('pages.notFound.description')}
        action={
          <Button component={Link} to="/">
            {t('pages.notFound.goHome')}
          </Button>
        }
      />
    </Center>
  );
}
