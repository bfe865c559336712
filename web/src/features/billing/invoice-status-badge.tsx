import type { InvoiceStatus } from '@carebase/contracts';
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const COLOR: Record<InvoiceStatus, string> = {
  draft: 'gray',
  issued: 'blue',
  partially_paid: 'orange',
  paid: 'teal',
  void: 'red',
};

/** An invoice's status as a coloured word. */
export function InvoiceStatusBadge({ status }: { status: InvoiceStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLOR[status]} variant="light" style={{ flexShrink: 0 }}>
      {t(`billing.invoices.status.${status}`)}
    </Badge>
  );
}
