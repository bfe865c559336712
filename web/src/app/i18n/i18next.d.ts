import 'i18next';
import type { ImagingTranslation } from '../../features/imaging/imaging-i18n.ts';
import type { Translation } from './en.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    // The imaging pages' words load with those pages (imaging-i18n.ts).
    resources: { translation: Translation & { imaging: ImagingTranslation } };
  }
}
