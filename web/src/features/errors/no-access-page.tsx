import { Button, Center } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Empty } from '../../components/empty.tsx';
import { IconLock } from '../../components/icons.tsx';
import { usePageTitle } from '../../components/use-page-title.ts';

export function NoAccessPage() {
  const { t } = useTranslation();
  usePageTitle(t('pages.noAccess.title'));
  return (
    <Center mih="60vh">
      <Empty
        headingOrder={1}
        icon={<IconLock size={28} />}
        title={t('pages.noAccess.title')}
        description={t('pages.noAccess.description')}
        action={
          <Button component={Link} to="/">
            {t('pages.noAccess.goHome')}
          </Button>
        }
      />
    </Center>
  );
}
