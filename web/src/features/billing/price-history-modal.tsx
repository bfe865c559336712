import type { PriceItem } from '@carebase/contracts';
import { Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryStates } from '../../components/query-states.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { usePriceItemHistory } from './billing.queries.ts';
import { percentOf, shareLabel } from './price-format.ts';

/** Every period of an item's price and of its doctors' shares, newest first: what an invoice of any date used. */
export function PriceHistoryModal({ item, onClose }: { item: PriceItem | null; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const history = usePriceItemHistory(item?.id ?? null);
  const language = format.context.language;
  const until = (validTo: string | null) =>
    validTo ? format.dateTime(validTo) : t('billing.priceList.current');
  return (
    <Modal
      opened={item !== null}
      onClose={onClose}
      title={item ? t('billing.priceList.historyTitle', { code: item.code }) : ''}
      size="xl"
      centered
    >
      <QueryStates query={history} isEmpty={!history.data} empty={null}>
        <Stack>
          <Title order={3} fz="h5">
            {t('billing.priceList.prices')}
          </Title>
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('billing.priceList.from')}</Table.Th>
                  <Table.Th>{t('billing.priceList.to')}</Table.Th>
                  <Table.Th ta="right">{t('billing.priceList.priceColumn')}</Table.Th>
                  <Table.Th ta="right">{t('billing.priceList.taxColumn')}</Table.Th>
                  <Table.Th>{t('billing.priceList.changedBy')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(history.data?.prices ?? []).map((p) => (
                  <Table.Tr key={p.validFrom}>
                    <Table.Td>{format.dateTime(p.validFrom)}</Table.Td>
                    <Table.Td>{until(p.validTo)}</Table.Td>
                    <Table.Td ta="right">{format.money(p.priceMinor)}</Table.Td>
                    <Table.Td ta="right">{percentOf(p.taxRateBasisPoints, language)}</Table.Td>
                    <Table.Td>{p.changedByName ?? t('common.emptyValue')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Title order={3} fz="h5">
            {t('billing.priceList.shares')}
          </Title>
          {(history.data?.shares ?? []).length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('billing.priceList.noShareHistory')}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={560}>
              <Table verticalSpacing={4}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('billing.priceList.provider')}</Table.Th>
                    <Table.Th>{t('billing.priceList.share')}</Table.Th>
                    <Table.Th>{t('billing.priceList.from')}</Table.Th>
                    <Table.Th>{t('billing.priceList.to')}</Table.Th>
                    <Table.Th>{t('billing.priceList.changedBy')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {(history.data?.shares ?? []).map((s) => (
                    <Table.Tr key={`${s.providerId ?? 'all'}-${s.validFrom}`}>
                      <Table.Td>{s.providerName ?? t('billing.priceList.everyDoctor')}</Table.Td>
                      <Table.Td>
                        {s.share
                          ? shareLabel(s.share, language, format.money)
                          : t('billing.priceList.noShare')}
                      </Table.Td>
                      <Table.Td>{format.dateTime(s.validFrom)}</Table.Td>
                      <Table.Td>{until(s.validTo)}</Table.Td>
                      <Table.Td>{s.changedByName ?? t('common.emptyValue')}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      </QueryStates>
    </Modal>
  );
}
