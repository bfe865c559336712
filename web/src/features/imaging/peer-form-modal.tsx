import { DIMSE_VERBS, type DicomPeer, type DimseVerb } from '@carebase/contracts';
import { Checkbox, Group, NumberInput, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../components/catalog/form-dialog.tsx';
import { useDialogForm } from '../../components/catalog/use-dialog-form.ts';
import type { EditDialogProps } from '../../components/catalog/use-edit-dialog.ts';
import { useSavePeer } from './imaging.queries.ts';

type Values = {
  aeTitle: string;
  host: string;
  port: number | string;
  verbs: DimseVerb[];
  description: string;
};
const FIELDS = ['aeTitle', 'host', 'port', 'verbs', 'description'] as const;
const AE_TITLE = /^[\x20-\x5b\x5d-\x7e]{1,16}$/;

/** Adds or edits a DICOM peer: its AE title, where it listens, and what it may ask of this archive. */
export function PeerFormModal(props: EditDialogProps<DicomPeer>) {
  const { item: peer } = props;
  const { t } = useTranslation();
  const save = useSavePeer();
  const form = useDialogForm<Values>(props, save, () => ({
    aeTitle: peer?.aeTitle ?? '',
    host: peer?.host ?? '',
    port: peer?.port ?? 104,
    verbs: peer?.verbs ?? ['echo', 'store'],
    description: peer?.description ?? '',
  }));
  const { values } = form;

  const submit = () => {
    const found: Partial<Record<keyof Values, string>> = {};
    const aeTitle = values.aeTitle.trim();
    if (!aeTitle) found.aeTitle = t('validation.required');
    else if (!AE_TITLE.test(aeTitle)) found.aeTitle = t('imaging.peers.aeTitleRule');
    if (!values.host.trim()) found.host = t('validation.required');
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535) found.port = t('imaging.peers.portRule');
    if (!form.check(found)) return;
    save.mutate(
      {
        id: peer?.id ?? null,
        body: {
          aeTitle,
          host: values.host.trim(),
          port,
          verbs: values.verbs,
          description: values.description.trim(),
        },
      },
      { onSuccess: form.savedWith(peer ? t('imaging.peers.updated') : t('imaging.peers.created')) },
    );
  };

  return (
    <FormDialog
      {...form.dialog}
      title={peer ? t('imaging.peers.editTitle', { ae: peer.aeTitle }) : t('imaging.peers.createTitle')}
      fields={FIELDS}
      onSubmit={submit}
    >
      <TextInput
        label={t('imaging.peers.aeTitle')}
        description={t('imaging.peers.aeTitleHint')}
        value={values.aeTitle}
        onChange={(e) => form.set('aeTitle', e.currentTarget.value)}
        error={form.fieldError('aeTitle')}
        maxLength={16}
        required
        data-autofocus
        ff="monospace"
      />
      <Group grow align="flex-start">
        <TextInput
          label={t('imaging.peers.host')}
          value={values.host}
          onChange={(e) => form.set('host', e.currentTarget.value)}
          error={form.fieldError('host')}
          required
        />
        <NumberInput
          label={t('imaging.peers.port')}
          value={values.port}
          onChange={(value) => form.set('port', value)}
          error={form.fieldError('port')}
          min={1}
          max={65535}
          allowDecimal={false}
          allowNegative={false}
          thousandSeparator={false}
          required
          maw={140}
        />
      </Group>
      <Checkbox.Group
        label={t('imaging.peers.verbs')}
        description={t('imaging.peers.verbsHint')}
        value={values.verbs}
        onChange={(value) => form.set('verbs', value as DimseVerb[])}
        error={form.fieldError('verbs')}
      >
        <Group gap="md" mt={6}>
          {DIMSE_VERBS.map((verb) => (
            <Checkbox key={verb} value={verb} label={t(`imaging.verbs.${verb}`)} />
          ))}
        </Group>
      </Checkbox.Group>
      <TextInput
        label={t('imaging.peers.descriptionField')}
        value={values.description}
        onChange={(e) => form.set('description', e.currentTarget.value)}
        error={form.fieldError('description')}
        maxLength={200}
      />
    </FormDialog>
  );
}
