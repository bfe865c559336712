import type { QueueTicket } from '@carebase/contracts';
import { Checkbox, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../components/confirm-modal.tsx';
import { hasPermission } from '../../lib/permissions.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { useQueue } from '../queue/queue.queries.ts';
import { openVisitOf } from '../queue/queue-format.ts';

interface SignConfirmModalProps {
  opened: boolean;
  encounterId: string;
  loading: boolean;
  /** `visit`: the visit of this encounter to finish once the note is signed, or null to leave it as it is. */
  onConfirm: (visit: QueueTicket | null) => void;
  onClose: () => void;
}

/**
 * Asks before signing; when the encounter belongs to a visit still under way, also offers (checked) to finish
 * that visit, so the front desk and the waiting-room screen stop showing the patient in consultation.
 */
export function SignConfirmModal({
  opened,
  encounterId,
  loading,
  onConfirm,
  onClose,
}: SignConfirmModalProps) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const mayFinish = hasPermission(me, 'queue:read') && hasPermission(me, 'queue:call');
  // Asked only while the dialog is open: the queue read is audited, and most chart visits never sign.
  const visits = useQueue({ encounter: encounterId }, opened && mayFinish);
  const visit = openVisitOf(visits.data?.items ?? [], encounterId);
  const [finish, setFinish] = useState(true);
  return (
    <ConfirmModal
      opened={opened}
      title={t('encounters.sign.title')}
      message={
        <Stack gap="sm">
          <Text size="sm">{t('encounters.sign.confirm')}</Text>
          {visit ? (
            <Checkbox
              checked={finish}
              onChange={(e) => setFinish(e.currentTarget.checked)}
              label={t('encounters.sign.finishVisit', { ticket: visit.ticket })}
            />
          ) : null}
        </Stack>
      }
      confirmLabel={t('encounters.sign.confirmButton')}
      loading={loading || (opened && mayFinish && visits.isPending)}
      onConfirm={() => onConfirm(visit && finish ? visit : null)}
      onClose={onClose}
    />
  );
}
