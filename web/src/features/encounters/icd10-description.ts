import { useTranslation } from 'react-i18next';

type Described = { description: string; descriptionEs: string | null };

/** The Spanish wording for a Spanish interface where the code has one; otherwise the English description. */
export function icd10Description(d: Described, language: string): string {
  return language.startsWith('es') && d.descriptionEs ? d.descriptionEs : d.description;
}

export function useIcd10Description(): (d: Described) => string {
  const { i18n } = useTranslation();
  return (d) => icd10Description(d, i18n.language);
}
