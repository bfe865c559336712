import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../app/i18n/en.ts';
import { es } from '../app/i18n/es.ts';
import { localDepartment } from './reference-names.ts';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({ resources: { en: { translation: en }, es: { translation: es } }, lng: 'en' });
});

describe('localDepartment', () => {
  it("shows a built-in department's name in the reader's language", () => {
    const es = i18n.getFixedT('es');
    expect(localDepartment({ key: 'general', name: 'General medicine' }, es).name).toBe('Medicina general');
    expect(localDepartment({ key: 'dental', name: 'Dental', active: true }, es)).toEqual({
      key: 'dental',
      name: 'Odontología',
      active: true,
    });
    const en = i18n.getFixedT('en');
    expect(localDepartment({ key: 'general', name: 'General medicine' }, en).name).toBe('General medicine');
  });

  it('shows a name the clinic typed as typed, also on a built-in department it renamed', () => {
    const es = i18n.getFixedT('es');
    expect(localDepartment({ key: 'general', name: 'Medicina familiar' }, es).name).toBe('Medicina familiar');
    expect(localDepartment({ key: 'pediatrics', name: 'Dental' }, es).name).toBe('Dental');
    expect(localDepartment({ key: 'toString', name: 'x' }, es).name).toBe('x');
  });
});
