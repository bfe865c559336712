import {
  type CreateDiscountKind,
  DISCOUNT_APPLIES_TO,
  DISCOUNT_BORNE_BY,
  type DiscountKind,
  type DiscountValue,
  MONEY_MAX_MINOR,
  type UpdateDiscountKind,
} from '@carebase/contracts';
import {
  Checkbox,
  Input,
  MultiSelect,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ActiveSwitch } from '../../components/catalog/active-switch.tsx';
import { FormDialog } from '../../components/catalog/form-dialog.tsx';
import { useDialogForm } from '../../components/catalog/use-dialog-form.ts';
import type { EditDialogProps } from '../../components/catalog/use-edit-dialog.ts';
import { MoneyInput, PercentInput } from '../../components/money-input.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { useSaveDiscountKind } from './discount-kinds.queries.ts';

type ValueDraft = { kind: DiscountValue['kind']; amount: number | '' };
type Values = Omit<DiscountKind, 'id' | 'value' | 'createdAt'> & { value: ValueDraft };
const FIELDS = [
  'code',
  'nameEn',
  'nameEs',
  'value',
  'appliesTo',
  'grantedBy',
  'reasonRequired',
  'borneBy',
  'active',
] as const;

function draftOf(value: DiscountValue | undefined): ValueDraft {
  if (!value) return { kind: 'percent', amount: '' };
  return { kind: value.kind, amount: value.kind === 'percent' ? value.basisPoints : value.amountMinor };
}

function discountValueOf({ kind, amount }: ValueDraft & { amount: number }): DiscountValue {
  return kind === 'percent' ? { kind, basisPoints: amount } : { kind, amountMinor: amount };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Create or edit one kind of discount; read-only for those who may only bill. */
export function DiscountKindFormModal(
  props: EditDialogProps<DiscountKind> & { roleOptions: { value: string; label: string }[] },
) {
  const { item, readOnly, onClose } = props;
  const { t } = useTranslation();
  const format = useFormatters();
  const save = useSaveDiscountKind();
  const form = useDialogForm<Values>(props, save, () => ({
    code: item?.code ?? '',
    nameEn: item?.nameEn ?? '',
    nameEs: item?.nameEs ?? '',
    value: draftOf(item?.value),
    appliesTo: item?.appliesTo ?? 'both',
    grantedBy: item?.grantedBy ?? [],
    reasonRequired: item?.reasonRequired ?? false,
    borneBy: item?.borneBy ?? 'proportional',
    active: item?.active ?? true,
  }));
  const { values, set, fieldError } = form;
  // A custom role the user may not list still shows, by its key, when the kind names it.
  const roleOptions = [
    ...props.roleOptions,
    ...values.grantedBy
      .filter((key) => !props.roleOptions.some((o) => o.value === key))
      .map((key) => ({ value: key, label: key })),
  ];
  const valueLabel = t(`billing.discounts.valueAmount.${values.value.kind}`);

  const submit = () => {
    const found: Partial<Record<keyof Values, string>> = {};
    if (!item && !values.code.trim()) found.code = t('validation.required');
    if (!values.nameEn.trim()) found.nameEn = t('validation.required');
    if (!values.nameEs.trim()) found.nameEs = t('validation.required');
    const { amount } = values.value;
    if (amount === '') found.value = t('validation.required');
    else if (amount === 0) found.value = t('billing.discounts.valuePositive');
    else if (values.value.kind === 'percent' && amount > 10_000)
      found.value = t('billing.priceList.percentRange');
    else if (amount > MONEY_MAX_MINOR)
      found.value = t('billing.priceList.moneyRange', { max: format.money(MONEY_MAX_MINOR) });
    if (!form.check(found) || amount === '') return;

    const fields = {
      nameEn: values.nameEn.trim(),
      nameEs: values.nameEs.trim(),
      value: discountValueOf({ ...values.value, amount }),
      appliesTo: values.appliesTo,
      grantedBy: values.grantedBy,
      reasonRequired: values.reasonRequired,
      borneBy: values.borneBy,
      active: values.active,
    };
    if (!item) {
      const create: CreateDiscountKind = { code: values.code.trim(), ...fields };
      save.mutate(
        { create },
        { onSuccess: form.savedWith(t('billing.discounts.created', { code: create.code })) },
      );
      return;
    }
    const patch = Object.fromEntries(
      Object.entries(fields).filter(([key, value]) => !same(value, item[key as keyof typeof fields])),
    ) as UpdateDiscountKind;
    if (Object.keys(patch).length === 0) return onClose();
    save.mutate(
      { id: item.id, patch },
      { onSuccess: form.savedWith(t('billing.discounts.updated', { code: item.code })) },
    );
  };

  return (
    <FormDialog
      {...form.dialog}
      title={
        item ? t('billing.discounts.editTitle', { code: item.code }) : t('billing.discounts.createTitle')
      }
      size="lg"
      fields={FIELDS}
      onSubmit={submit}
    >
      <TextInput
        label={t('billing.discounts.code')}
        description={t('billing.discounts.codeHint')}
        value={values.code}
        onChange={(e) => set('code', e.currentTarget.value.toUpperCase())}
        error={fieldError('code')}
        maxLength={32}
        required={!item}
        disabled={readOnly || item !== null}
        autoComplete="off"
        data-autofocus
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('billing.discounts.nameEn')}
          value={values.nameEn}
          onChange={(e) => set('nameEn', e.currentTarget.value)}
          error={fieldError('nameEn')}
          maxLength={200}
          required
          disabled={readOnly}
        />
        <TextInput
          label={t('billing.discounts.nameEs')}
          value={values.nameEs}
          onChange={(e) => set('nameEs', e.currentTarget.value)}
          error={fieldError('nameEs')}
          maxLength={200}
          required
          disabled={readOnly}
        />
      </SimpleGrid>
      <Input.Wrapper label={t('billing.discounts.value')} error={fieldError('value')} required>
        <Stack gap="xs" mt={4}>
          <SegmentedControl
            value={values.value.kind}
            onChange={(kind) => set('value', { kind: kind as ValueDraft['kind'], amount: '' })}
            data={(['percent', 'amount'] as const).map((kind) => ({
              value: kind,
              label: t(`billing.discounts.valueKinds.${kind}`),
            }))}
            disabled={readOnly}
            aria-label={t('billing.discounts.value')}
          />
          {values.value.kind === 'percent' ? (
            <PercentInput
              aria-label={valueLabel}
              value={values.value.amount}
              onChange={(amount) => set('value', { kind: 'percent', amount })}
              disabled={readOnly}
              maw={200}
            />
          ) : (
            <MoneyInput
              aria-label={valueLabel}
              value={values.value.amount}
              onChange={(amount) => set('value', { kind: 'amount', amount })}
              disabled={readOnly}
              maw={200}
            />
          )}
        </Stack>
      </Input.Wrapper>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('billing.discounts.appliesTo')}
          data={DISCOUNT_APPLIES_TO.map((v) => ({
            value: v,
            label: t(`billing.discounts.appliesToOptions.${v}`),
          }))}
          value={values.appliesTo}
          onChange={(v) => v && set('appliesTo', v as Values['appliesTo'])}
          error={fieldError('appliesTo')}
          allowDeselect={false}
          disabled={readOnly}
        />
        <Select
          label={t('billing.discounts.borneBy')}
          data={DISCOUNT_BORNE_BY.map((v) => ({
            value: v,
            label: t(`billing.discounts.borneByOptions.${v}`),
          }))}
          value={values.borneBy}
          onChange={(v) => v && set('borneBy', v as Values['borneBy'])}
          error={fieldError('borneBy')}
          allowDeselect={false}
          disabled={readOnly}
        />
      </SimpleGrid>
      <Input.Description mt={-8}>{t('billing.discounts.borneByHint')}</Input.Description>
      <MultiSelect
        label={t('billing.discounts.grantedBy')}
        description={t('billing.discounts.grantedByHint')}
        placeholder={values.grantedBy.length === 0 ? t('billing.discounts.anyBiller') : undefined}
        data={roleOptions}
        value={values.grantedBy}
        onChange={(keys) => set('grantedBy', keys)}
        error={fieldError('grantedBy')}
        searchable
        disabled={readOnly}
        comboboxProps={{ withinPortal: true }}
      />
      <Checkbox
        label={t('billing.discounts.reasonRequired')}
        description={t('billing.discounts.reasonRequiredHint')}
        checked={values.reasonRequired}
        onChange={(e) => set('reasonRequired', e.currentTarget.checked)}
        disabled={readOnly}
      />
      <ActiveSwitch
        description={t('billing.discounts.activeHint')}
        checked={values.active}
        onChange={(active) => set('active', active)}
        disabled={readOnly}
      />
    </FormDialog>
  );
}
