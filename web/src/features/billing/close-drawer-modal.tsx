import { type CashDrawer, countedMinorOf } from '@carebase/contracts';
import { Alert, Button, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { type KeyboardEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../components/catalog/form-dialog.tsx';
import { MoneyInput } from '../../components/money-input.tsx';
import { useNotify } from '../../components/use-error-message.ts';
import { useFormatters } from '../../components/use-formatters.ts';
import { useCloseDrawer } from './cash-drawer.queries.ts';
import { type CountDraft, CountTable } from './count-table.tsx';
import { countsOf, defaultDenominations, withDenomination } from './denominations.ts';
import { DifferenceText } from './drawer-summary.tsx';

interface CloseDrawerModalProps {
  drawer: CashDrawer;
  opened: boolean;
  onClose: () => void;
}

/** The count by denomination, its live sum against the expected cash, then a second press to close. */
export function CloseDrawerModal({ drawer, opened, onClose }: CloseDrawerModalProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const notify = useNotify();
  const close = useCloseDrawer();
  const [denominations, setDenominations] = useState<number[]>([]);
  const [counts, setCounts] = useState<CountDraft>({});
  const [added, setAdded] = useState<number | ''>('');
  const [confirming, setConfirming] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a fresh count each time the dialog opens
  useEffect(() => {
    if (!opened) return;
    setDenominations(defaultDenominations(format.currency));
    setCounts({});
    setAdded('');
    setConfirming(false);
    close.reset();
  }, [opened]);

  const counted = countedMinorOf(countsOf(counts));
  const edit = (change: () => void) => {
    change();
    setConfirming(false);
  };
  const addDenomination = () => {
    if (added === '' || added <= 0) return;
    edit(() => setDenominations((list) => withDenomination(list, added)));
    setAdded('');
  };
  const addOnEnter = (event: KeyboardEvent) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    addDenomination();
  };
  const submit = () => {
    if (!confirming) return setConfirming(true);
    close.mutate(
      { id: drawer.id, counts: countsOf(counts) },
      {
        onSuccess: () => {
          notify.success(t('billing.drawer.closed'));
          onClose();
        },
      },
    );
  };

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={t('billing.drawer.closeTitle')}
      onSubmit={submit}
      error={close.error}
      fields={[]}
      submitLabel={confirming ? t('billing.drawer.confirmClose') : t('billing.drawer.review')}
      loading={close.isPending}
      readOnly={false}
    >
      <Text size="sm">{t('billing.drawer.closeHint')}</Text>
      <CountTable
        denominations={denominations}
        counts={counts}
        onChange={(value, n) => edit(() => setCounts((c) => ({ ...c, [value]: n })))}
      />
      <Group align="flex-end" gap="xs">
        <MoneyInput
          label={t('billing.drawer.newDenomination')}
          value={added}
          onChange={setAdded}
          onKeyDown={addOnEnter}
          w={180}
        />
        <Button variant="default" onClick={addDenomination} disabled={added === '' || added <= 0}>
          {t('billing.drawer.addDenomination')}
        </Button>
      </Group>
      <SimpleGrid cols={3} spacing="xs" aria-live="polite">
        <Stack gap={0}>
          <Text size="xs" c="dimmed">
            {t('billing.drawer.counted')}
          </Text>
          <Text fw={600}>{format.money(counted)}</Text>
        </Stack>
        <Stack gap={0}>
          <Text size="xs" c="dimmed">
            {t('billing.drawer.expected')}
          </Text>
          <Text fw={600}>{format.money(drawer.expectedMinor)}</Text>
        </Stack>
        <Stack gap={0}>
          <Text size="xs" c="dimmed">
            {t('billing.drawer.difference')}
          </Text>
          <DifferenceText minor={counted - drawer.expectedMinor} />
        </Stack>
      </SimpleGrid>
      {confirming ? (
        <Alert color="yellow" variant="light">
          {t('billing.drawer.confirmHint')}
        </Alert>
      ) : null}
    </FormDialog>
  );
}
