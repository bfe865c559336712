import type { DuplicateCheckResponse } from '@carebase/contracts';
import { Alert, Anchor, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { IconAlert, IconExternal } from '../../components/icons.tsx';
import { usePatientFormat } from './patient-display.tsx';

type Candidate = DuplicateCheckResponse['candidates'][number];

interface DuplicateWarningProps {
  candidates: Candidate[];
  onRegisterAnyway: () => void;
  onCancel: () => void;
  registering: boolean;
}

/** Shown instead of registering when the new patient may already have a record. */
export function DuplicateWarning({
  candidates,
  onRegisterAnyway,
  onCancel,
  registering,
}: DuplicateWarningProps) {
  const { t } = useTranslation();
  const format = usePatientFormat();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    ref.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    ref.current?.focus({ preventScroll: true });
  }, []);

  return (
    <Alert
      ref={ref}
      tabIndex={-1}
      color="orange"
      variant="light"
      icon={<IconAlert />}
      title={t('patients.duplicates.title', { count: candidates.length })}
      role="alert"
    >
      <Stack gap="sm">
        <Text size="sm">{t('patients.duplicates.description')}</Text>
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing={6} withRowBorders={false}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('patients.columns.name')}</Table.Th>
                <Table.Th>{t('patients.columns.mrn')}</Table.Th>
                <Table.Th>{t('patients.columns.birthDate')}</Table.Th>
                <Table.Th>{t('patients.columns.phone')}</Table.Th>
                <Table.Th>{t('patients.duplicates.why')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {candidates.map((candidate) => (
                <Table.Tr key={candidate.id}>
                  <Table.Td>
                    <Anchor
                      component={Link}
                      to={`/patients/${candidate.id}`}
                      target="_blank"
                      rel="noreferrer"
                      size="sm"
                      fw={600}
                    >
                      <Group gap={4} wrap="nowrap" component="span">
                        {candidate.displayName}
                        <IconExternal size={12} />
                        <span className="visually-hidden">{t('patients.duplicates.opensNewTab')}</span>
                      </Group>
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {candidate.mrn}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {format.calendarDate(candidate.birthDate)} ({format.age(candidate.birthDate)})
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{format.phone(candidate.phone) || t('common.emptyValue')}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {candidate.reasons.map((reason) => (
                        <Badge key={reason} color="orange" variant="outline" size="sm" tt="none">
                          {t(`patients.duplicates.reasons.${reason}`)}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Group gap="sm">
          <Button color="orange" onClick={onRegisterAnyway} loading={registering}>
            {t('patients.duplicates.registerAnyway')}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {t('patients.duplicates.reviewForm')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
