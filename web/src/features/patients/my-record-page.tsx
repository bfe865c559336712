import { Paper } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { Empty } from '../../components/empty.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { FormSkeleton } from '../../components/table-skeleton.tsx';
import { usePageTitle } from '../../components/use-page-title.ts';
import { isApiError } from '../../lib/api.ts';
import { IconMyRecord } from './patient-icons.tsx';
import { useMyPatient } from './patients.queries.ts';

/** `/my-record`: the signed-in patient's own chart, or why there is none. */
export function MyRecordPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.myRecord'));
  const record = useMyPatient();

  if (record.isPending) {
    return (
      <Paper withBorder p="lg" aria-busy>
        <FormSkeleton fields={3} />
      </Paper>
    );
  }
  if (record.isError) {
    if (isApiError(record.error) && record.error.status === 404) {
      return (
        <Empty
          icon={<IconMyRecord size={28} />}
          title={t('patients.myRecord.notLinked')}
          description={t('patients.myRecord.notLinkedHint')}
          headingOrder={1}
        />
      );
    }
    return <QueryError error={record.error} onRetry={() => void record.refetch()} />;
  }
  return <Navigate to={`/patients/${record.data.id}`} replace />;
}
