import { Button, Center } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';
import { Empty } from '../../components/empty.tsx';
import { IconAlert } from '../../components/icons.tsx';

/** The router's error boundary: an unexpected exception while rendering a page. */
export function CrashPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  console.error(error);
  return (
    <Center mih="60vh" p="md">
      <Empty
        headingOrder={1}
        icon={<IconAlert size={28} />}
        title={t('pages.crashed.title')}
        description={t('pages.crashed.description')}
        action={<Button onClick={() => window.location.reload()}>{t('pages.crashed.reload')}</Button>}
      />
    </Center>
  );
}
