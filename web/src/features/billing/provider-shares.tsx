import type { PriceItem } from '@carebase/contracts';
import { ActionIcon, Button, Select, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
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
  // The dialog holds the item as it was opened; each change answers with the item as it is now.
  const [overrides, setOverrides] = useState(item.overrides);
  const share = shareOf(draft);
  const changed = (updated: PriceItem) => setOverrides(updated.overrides);

  const add = () => {
    if (!providerId || !share) return;
    setShare.mutate(
      { id: item.id, providerId, share },
      {
        onSuccess: (updated) => {
          changed(updated);
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
      {overrides.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('billing.priceList.noOverrides')}
        </Text>
      ) : (
        <Table verticalSpacing={4}>
          <Table.Tbody>
            {overrides.map((o) => (
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
                        onClick={() =>
                          endShare.mutate({ id: item.id, providerId: o.providerId }, { onSuccess: changed })
                        }
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
        <Stack gap="xs" align="flex-start">
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
        </Stack>
      )}
      <FormError error={setShare.error ?? endShare.error} />
    </Stack>
  );
}
