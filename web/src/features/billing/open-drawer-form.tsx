import { MONEY_MAX_MINOR } from '@carebase/contracts';
import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MoneyInput } from '../../components/money-input.tsx';
import { FormError } from '../../components/query-error.tsx';
import { useFieldErrorText, useNotify } from '../../components/use-error-message.ts';
import { useFormatters } from '../../components/use-formatters.ts';
import { useOpenDrawer } from './cash-drawer.queries.ts';

/** The cashier has no drawer today: they open one with the cash they start with. */
export function OpenDrawerForm() {
  const { t } = useTranslation();
  const format = useFormatters();
  const notify = useNotify();
  const serverError = useFieldErrorText();
  const open = useOpenDrawer();
  const [float, setFloat] = useState<number | ''>(0);
  const [problem, setProblem] = useState<string | undefined>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (float === '') return setProblem(t('validation.required'));
    if (float > MONEY_MAX_MINOR)
      return setProblem(t('billing.priceList.moneyRange', { max: format.money(MONEY_MAX_MINOR) }));
    setProblem(undefined);
    open.mutate(
      { openingFloatMinor: float },
      { onSuccess: () => notify.success(t('billing.drawer.opened')) },
    );
  };

  const fieldProblem = problem ?? serverError(open.error, 'openingFloatMinor');
  return (
    <Paper withBorder radius="md" p="md" maw={480}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={2} fz="h4">
            {t('billing.drawer.openTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('billing.drawer.openHint')}
          </Text>
          {serverError(open.error, 'openingFloatMinor') ? null : <FormError error={open.error} />}
          <MoneyInput
            label={`${t('billing.drawer.float')} (${format.currency})`}
            value={float}
            onChange={setFloat}
            error={fieldProblem}
            required
            data-autofocus
          />
          <Group justify="flex-end">
            <Button type="submit" loading={open.isPending}>
              {t('billing.drawer.open')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
