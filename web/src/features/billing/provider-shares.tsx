import type { PriceItem } from '@carebase/contracts';
import { ActionIcon, Button, Group, Select, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/query-error.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { useProviders } from '../scheduling/scheduling.queries.ts';
import { useEndProviderShare, useSetProviderShare } from './billing.queries.ts';
import { shareLabel } from './price-format.ts';
import { type ShareDraft, ShareFields, shareOf } from './share-fields.tsx';

const EMPTY: ShareDraft = { kind: 'percent', value: '' };

/** Doctors who earn their own share of this item instead of the default: the list, and a row to add one. */
export function ProviderShares({ item, readOnly }: { item: PriceItem; readOnly: boolean }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const providers = useProviders();
  const setShare = useSetProviderShare();
  const endShare = useEndProviderShare();
  const [providerId, setProviderId] = useState<string | null>(null);
  const [draft, setDraft] = useState<ShareDraft>(EMPTY);
  const share = shareOf(draft);

  const add = () => {
    if (!providerId || !share) return;
    setShare.mutate(
      { id: item.id, providerId, share },
      {
        onSuccess: () => {
          setProviderId(null);
          setDraft(EMPTY);
        },
      },
    );
  };

  return (
    <Stack gap="xs" component="section" aria-labelledby="provider-shares-title">
      <Title order={3} fz="h5" id="provider-shares-title">
        {t('billing.priceList.overrides')}
      </Title>
      <Text size="xs" c="dimmed">
        {t('billing.priceList.overridesHint')}
      </Text>
      {item.overrides.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('billing.priceList.noOverrides')}
        </Text>
      ) : (
        <Table verticalSpacing={4}>
          <Table.Tbody>
            {item.overrides.map((o) => (
              <Table.Tr key={o.providerId}>
                <Table.Td>{o.providerName}</Table.Td>
                <Table.Td>{shareLabel(o.share, format.context.language, format.money)}</Table.Td>
                <Table.Td ta="right">
                  {readOnly ? null : (
                    <Tooltip label={t('billing.priceList.removeOverride', { name: o.providerName })}>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('billing.priceList.removeOverride', { name: o.providerName })}
                        loading={endShare.isPending && endShare.variables?.providerId === o.providerId}
                        onClick={() => endShare.mutate({ id: item.id, providerId: o.providerId })}
                      >
                        <span aria-hidden="true">×</span>
                      </ActionIcon>
                    </Tooltip>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {readOnly ? null : (
        <Group align="flex-end" gap="sm">
          <Select
            label={t('billing.priceList.provider')}
            data={(providers.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
            value={providerId}
            onChange={setProviderId}
            searchable
            comboboxProps={{ withinPortal: true }}
            w={220}
          />
          <ShareFields
            label={t('billing.priceList.overrideShare')}
            draft={draft}
            onChange={setDraft}
            disabled={false}
            allowNone={false}
          />
          <Button variant="light" onClick={add} disabled={!providerId || !share} loading={setShare.isPending}>
            {t('billing.priceList.addOverride')}
          </Button>
        </Group>
      )}
      <FormError error={setShare.error ?? endShare.error} />
    </Stack>
  );
}
