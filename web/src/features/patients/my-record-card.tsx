import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../lib/api.ts';
import { HomeCard } from '../home/home-card.tsx';
import { useMyPatient } from './patients.queries.ts';

/** Home for patients: their record and certificates, or why there is no record yet. */
export function MyRecordCard() {
  const { t } = useTranslation();
  const record = useMyPatient();
  const notLinked = record.isError && isApiError(record.error) && record.error.status === 404;
  return (
    <HomeCard title={t('home.cards.myRecord')}>
      {notLinked ? (
        <Text size="sm" c="dimmed">
          {t('patients.myRecord.notLinkedHint')}
        </Text>
      ) : (
        <Group gap="xs">
          <Button component={Link} to="/my-record" size="xs" disabled={!record.data}>
            {t('home.cards.openMyRecord')}
          </Button>
          <Button
            component={Link}
            to={record.data ? `/patients/${record.data.id}/certificates` : '/my-record'}
            size="xs"
            variant="light"
            disabled={!record.data}
          >
            {t('home.cards.myCertificates')}
          </Button>
        </Group>
      )}
    </HomeCard>
  );
}
