import {
  type CreatePriceItem,
  MONEY_MAX_MINOR,
  PRICE_ITEM_KINDS,
  type PriceItem,
  type PriceItemKind,
  type UpdatePriceItem,
} from '@carebase/contracts';
import { Button, Group, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ActiveSwitch } from '../../components/catalog/active-switch.tsx';
import { FormDialog } from '../../components/catalog/form-dialog.tsx';
import { useDialogForm } from '../../components/catalog/use-dialog-form.ts';
import type { EditDialogProps } from '../../components/catalog/use-edit-dialog.ts';
import { MoneyInput, PercentInput } from '../../components/money-input.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { useServices } from '../scheduling/scheduling.queries.ts';
import { useSavePriceItem } from './billing.queries.ts';
import { ProviderShares } from './provider-shares.tsx';
import { draftOf, type ShareDraft, ShareFields, sameShare, shareOf } from './share-fields.tsx';

type Values = {
  code: string;
  kind: PriceItemKind;
  nameEn: string;
  nameEs: string;
  serviceId: string | null;
  priceMinor: number | '';
  taxRateBasisPoints: number | '';
  doctorShare: ShareDraft;
  active: boolean;
};
const FIELDS = [
  'code',
  'kind',
  'nameEn',
  'nameEs',
  'serviceId',
  'priceMinor',
  'taxRateBasisPoints',
  'doctorShare',
  'active',
] as const;

/** Create or edit one item of the price list; an item's doctors' own shares are kept below its form. */
export function PriceItemFormModal(
  props: EditDialogProps<PriceItem> & { onHistory: (item: PriceItem) => void },
) {
  const { item, readOnly, onClose, onHistory } = props;
  const { t } = useTranslation();
  const format = useFormatters();
  const save = useSavePriceItem();
  const services = useServices();
  const form = useDialogForm<Values>(props, save, () => ({
    code: item?.code ?? '',
    kind: item?.kind ?? 'consultation',
    nameEn: item?.nameEn ?? '',
    nameEs: item?.nameEs ?? '',
    serviceId: item?.serviceId ?? null,
    priceMinor: item?.priceMinor ?? '',
    taxRateBasisPoints: item?.taxRateBasisPoints ?? 0,
    doctorShare: draftOf(item?.doctorShare ?? null),
    active: item?.active ?? true,
  }));
  const { values, set, fieldError } = form;

  const submit = () => {
    const found: Partial<Record<keyof Values, string>> = {};
    if (!item && !values.code.trim()) found.code = t('validation.required');
    if (!values.nameEn.trim()) found.nameEn = t('validation.required');
    if (!values.nameEs.trim()) found.nameEs = t('validation.required');
    if (values.priceMinor === '') found.priceMinor = t('validation.required');
    else if (values.priceMinor > MONEY_MAX_MINOR)
      found.priceMinor = t('billing.priceList.moneyRange', { max: format.money(MONEY_MAX_MINOR) });
    if (values.taxRateBasisPoints === '' || values.taxRateBasisPoints > 10_000)
      found.taxRateBasisPoints = t('billing.priceList.percentRange');
    const share = shareOf(values.doctorShare);
    if (share === undefined) found.doctorShare = t('validation.required');
    else if (share?.kind === 'percent' && share.basisPoints > 10_000)
      found.doctorShare = t('billing.priceList.percentRange');
    if (
      !form.check(found) ||
      values.priceMinor === '' ||
      values.taxRateBasisPoints === '' ||
      share === undefined
    )
      return;

    const fields = {
      kind: values.kind,
      nameEn: values.nameEn.trim(),
      nameEs: values.nameEs.trim(),
      serviceId: values.serviceId,
      priceMinor: values.priceMinor,
      taxRateBasisPoints: values.taxRateBasisPoints,
      doctorShare: share,
      active: values.active,
    };
    if (!item) {
      const create: CreatePriceItem = { code: values.code.trim(), ...fields };
      save.mutate(
        { create },
        { onSuccess: form.savedWith(t('billing.priceList.created', { code: create.code })) },
      );
      return;
    }
    const patch: UpdatePriceItem = {};
    if (fields.kind !== item.kind) patch.kind = fields.kind;
    if (fields.nameEn !== item.nameEn) patch.nameEn = fields.nameEn;
    if (fields.nameEs !== item.nameEs) patch.nameEs = fields.nameEs;
    if (fields.serviceId !== item.serviceId) patch.serviceId = fields.serviceId;
    if (fields.priceMinor !== item.priceMinor) patch.priceMinor = fields.priceMinor;
    if (fields.taxRateBasisPoints !== item.taxRateBasisPoints)
      patch.taxRateBasisPoints = fields.taxRateBasisPoints;
    if (!sameShare(fields.doctorShare, item.doctorShare)) patch.doctorShare = fields.doctorShare;
    if (fields.active !== item.active) patch.active = fields.active;
    if (Object.keys(patch).length === 0) return onClose();
    save.mutate(
      { id: item.id, patch },
      { onSuccess: form.savedWith(t('billing.priceList.updated', { code: item.code })) },
    );
  };

  return (
    <FormDialog
      {...form.dialog}
      title={
        item ? t('billing.priceList.editTitle', { code: item.code }) : t('billing.priceList.createTitle')
      }
      size="lg"
      fields={FIELDS}
      onSubmit={submit}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('billing.priceList.code')}
          description={t('billing.priceList.codeHint')}
          value={values.code}
          onChange={(e) => set('code', e.currentTarget.value.toUpperCase())}
          error={fieldError('code')}
          maxLength={32}
          required={!item}
          disabled={readOnly || item !== null}
          autoComplete="off"
          data-autofocus
        />
        <Select
          label={t('billing.priceList.kind')}
          data={PRICE_ITEM_KINDS.map((kind) => ({
            value: kind,
            label: t(`billing.priceList.kinds.${kind}`),
          }))}
          value={values.kind}
          onChange={(kind) => kind && set('kind', kind as PriceItemKind)}
          error={fieldError('kind')}
          allowDeselect={false}
          disabled={readOnly}
        />
        <TextInput
          label={t('billing.priceList.nameEn')}
          value={values.nameEn}
          onChange={(e) => set('nameEn', e.currentTarget.value)}
          error={fieldError('nameEn')}
          maxLength={200}
          required
          disabled={readOnly}
        />
        <TextInput
          label={t('billing.priceList.nameEs')}
          value={values.nameEs}
          onChange={(e) => set('nameEs', e.currentTarget.value)}
          error={fieldError('nameEs')}
          maxLength={200}
          required
          disabled={readOnly}
        />
        <MoneyInput
          label={t('billing.priceList.price', { currency: format.currency })}
          value={values.priceMinor}
          onChange={(value) => set('priceMinor', value)}
          error={fieldError('priceMinor')}
          required
          disabled={readOnly}
        />
        <PercentInput
          label={t('billing.priceList.tax')}
          description={t('billing.priceList.taxHint')}
          value={values.taxRateBasisPoints}
          onChange={(value) => set('taxRateBasisPoints', value)}
          error={fieldError('taxRateBasisPoints')}
          disabled={readOnly}
        />
      </SimpleGrid>
      <Select
        label={t('billing.priceList.service')}
        description={t('billing.priceList.serviceHint')}
        data={(services.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
        value={values.serviceId}
        onChange={(serviceId) => set('serviceId', serviceId)}
        error={fieldError('serviceId')}
        clearable
        searchable
        disabled={readOnly}
        comboboxProps={{ withinPortal: true }}
      />
      <ShareFields
        label={t('billing.priceList.share')}
        description={t('billing.priceList.shareHint')}
        draft={values.doctorShare}
        onChange={(draft) => set('doctorShare', draft)}
        error={fieldError('doctorShare')}
        disabled={readOnly}
      />
      <ActiveSwitch
        description={t('billing.priceList.activeHint')}
        checked={values.active}
        onChange={(active) => set('active', active)}
        disabled={readOnly}
      />
      {item ? (
        <>
          <ProviderShares item={item} readOnly={readOnly} />
          <Group>
            <Button variant="subtle" size="xs" onClick={() => onHistory(item)}>
              {t('billing.priceList.history')}
            </Button>
          </Group>
        </>
      ) : null}
    </FormDialog>
  );
}
