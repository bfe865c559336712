import { BUILT_IN_ROLES, type BuiltInRole, type Me } from '@carebase/contracts';
import { hasPermission } from '../../lib/permissions.ts';

/** Whose day a home page is shaped for. A user may be several (an owner who is also the doctor). */
export type Persona = 'clinician' | 'nurse' | 'frontDesk' | 'cashier' | 'admin' | 'patient';

const OF_ROLE: Partial<Record<BuiltInRole, Persona>> = {
  doctor: 'clinician',
  dentist: 'clinician',
  radiologist: 'clinician',
  nurse: 'nurse',
  receptionist: 'frontDesk',
  cashier: 'cashier',
  accountant: 'cashier',
  admin: 'admin',
  patient: 'patient',
};

const isBuiltIn = (role: string): role is BuiltInRole => (BUILT_IN_ROLES as readonly string[]).includes(role);

/**
 * The personas of the user's built-in roles; a user with custom roles only is judged by what the roles allow
 * (who calls patients works like a clinician, who writes charts and the queue like a nurse, and so on).
 */
export function personasOf(me: Pick<Me, 'roles' | 'permissions'>): Set<Persona> {
  const builtIn = me.roles.filter(isBuiltIn);
  if (builtIn.length > 0) return new Set(builtIn.flatMap((r) => (OF_ROLE[r] ? [OF_ROLE[r]] : [])));
  const can = (p: Parameters<typeof hasPermission>[1]) => hasPermission(me, p);
  const personas = new Set<Persona>();
  if (can('queue:call')) personas.add('clinician');
  else if (can('queue:write') && can('chart:write')) personas.add('nurse');
  else if (can('queue:write')) personas.add('frontDesk');
  if (can('invoices:write')) personas.add('cashier');
  if (can('settings:write')) personas.add('admin');
  if (can('portal:self')) personas.add('patient');
  return personas;
}
