import type { PatientSummary } from '@carebase/contracts';
import { Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { IconPlus } from '../../components/icons.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useNotify } from '../../components/use-error-message.ts';
import { hasPermission } from '../../lib/permissions.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { PatientPicker } from '../patients/patient-picker.tsx';
import { CreditOnAccount } from './credit-on-account.tsx';
import { InvoiceWorkspace } from './invoice-workspace.tsx';
import { useCreateInvoice, useDraftFromVisit } from './invoices.queries.ts';
import { OpenInvoicesOf } from './open-invoices-of.tsx';
import { TodaysVisits } from './todays-visits.tsx';

/** `/billing/cashier`: find the patient or today's visit, draft and issue the invoice, take payments, receipts. */
export function CashierPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const notify = useNotify();
  const [params, setParams] = useSearchParams();
  const invoiceId = params.get('invoice');
  const [patient, setPatient] = useState<PatientSummary | null>(null);
  const [unpriced, setUnpriced] = useState<string[]>([]);
  const fromVisit = useDraftFromVisit();
  const create = useCreateInvoice();
  const open = (id: string) => setParams({ invoice: id });
  const reset = () => {
    setParams({});
    setPatient(null);
    setUnpriced([]);
  };

  const draftFromVisit = (visitId: string) =>
    fromVisit.mutate(
      { visitId },
      {
        onSuccess: ({ invoice, unpriced: left }) => {
          setUnpriced(left.map((u) => u.description));
          open(invoice.id);
        },
        onError: notify.error,
      },
    );

  return (
    <>
      <PageHeader title={t('billing.cashier.title')} description={t('billing.cashier.description')} />
      {invoiceId ? (
        <InvoiceWorkspace invoiceId={invoiceId} unpriced={unpriced} onDone={reset} />
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <Paper withBorder radius="md" p="md">
            <Stack gap="sm">
              <Title order={2} fz="h4">
                {t('billing.cashier.findPatient')}
              </Title>
              {patient ? (
                <Stack gap="sm">
                  <Group justify="space-between" wrap="wrap">
                    <Text fw={600}>
                      {patient.displayName} · {patient.mrn}
                    </Text>
                    <Button variant="subtle" size="xs" onClick={() => setPatient(null)}>
                      {t('billing.cashier.otherPatient')}
                    </Button>
                  </Group>
                  <CreditOnAccount
                    patientId={patient.id}
                    invoiceId={null}
                    balanceMinor={0}
                    canApply={false}
                  />
                  <OpenInvoicesOf patientId={patient.id} onOpen={open} />
                  <Group>
                    <Button
                      leftSection={<IconPlus size={16} />}
                      loading={create.isPending}
                      onClick={() =>
                        create.mutate(
                          { patientId: patient.id },
                          { onSuccess: (invoice) => open(invoice.id), onError: notify.error },
                        )
                      }
                    >
                      {t('billing.cashier.newInvoice')}
                    </Button>
                  </Group>
                </Stack>
              ) : (
                <PatientPicker label={t('billing.cashier.searchPatient')} onPick={setPatient} />
              )}
            </Stack>
          </Paper>
          {hasPermission(me, 'queue:read') ? (
            <Paper withBorder radius="md" p="md">
              <Stack gap="sm">
                <Title order={2} fz="h4">
                  {t('billing.cashier.todaysVisits')}
                </Title>
                <TodaysVisits pending={fromVisit.isPending} onDraft={draftFromVisit} />
              </Stack>
            </Paper>
          ) : null}
        </SimpleGrid>
      )}
    </>
  );
}
