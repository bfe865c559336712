import { BUILT_IN_ROLE_PERMISSIONS } from '@carebase/contracts';
import { describe, expect, it } from 'vitest';
import { chartAccessOf, tabOfPath, visibleChartTabs } from './chart-access.ts';

describe('chart tabs by role', () => {
  it('gives clinicians the whole chart', () => {
    const doctor = chartAccessOf(BUILT_IN_ROLE_PERMISSIONS.doctor, false);
    expect(visibleChartTabs(doctor)).toEqual([
      'summary',
      'encounters',
      'vitals',
      'dental',
      'certificates',
      'files',
      'imaging',
      'timeline',
      'details',
    ]);
    expect(doctor).toMatchObject({ writeChart: true, sign: true, prescribe: true, merge: false });
    const nurse = chartAccessOf(BUILT_IN_ROLE_PERMISSIONS.nurse, false);
    expect(nurse).toMatchObject({ writeChart: true, sign: false, prescribe: false, imaging: true });
    // Imaging needs imaging:read besides the clinical record.
    expect(visibleChartTabs(chartAccessOf(['chart:read'], false))).not.toContain('imaging');
  });

  it('shows receptionists the registration details and no clinical tab', () => {
    const access = chartAccessOf(BUILT_IN_ROLE_PERMISSIONS.receptionist, false);
    expect(access.clinical).toBe(false);
    expect(visibleChartTabs(access)).toEqual(['details', 'certificates', 'billing']);
    expect(visibleChartTabs(chartAccessOf(BUILT_IN_ROLE_PERMISSIONS.accountant, false))).toEqual([
      'details',
      'billing',
    ]);
    expect(chartAccessOf(BUILT_IN_ROLE_PERMISSIONS.doctor, false).billing).toBe(false);
    expect(access.writeDemographics).toBe(true);
  });

  it('shows a patient their own summary, read-only, and nothing of others', () => {
    const own = chartAccessOf(BUILT_IN_ROLE_PERMISSIONS.patient, true);
    expect(own).toMatchObject({ portal: true, clinical: true, writeChart: false, writeDemographics: false });
    expect(visibleChartTabs(own)).toEqual(['summary', 'details']);
    const other = chartAccessOf(BUILT_IN_ROLE_PERMISSIONS.patient, false);
    expect(other.clinical).toBe(false);
  });

  it('lets only admins merge', () => {
    expect(chartAccessOf(BUILT_IN_ROLE_PERMISSIONS.admin, false).merge).toBe(true);
    expect(chartAccessOf(BUILT_IN_ROLE_PERMISSIONS.doctor, false).merge).toBe(false);
  });
});

describe('tabOfPath', () => {
  it('reads the tab from the address', () => {
    expect(tabOfPath('/patients/p1/encounters/e1', 'p1')).toBe('encounters');
    expect(tabOfPath('/patients/p1/vitals', 'p1')).toBe('vitals');
    expect(tabOfPath('/patients/p1/edit', 'p1')).toBe('details');
    expect(tabOfPath('/patients/p1', 'p1')).toBeNull();
    expect(tabOfPath('/patients/p1/nope', 'p1')).toBeNull();
  });
});
