import { z } from 'zod';
import { EmailSchema, PageQuerySchema, pageOf, requireChange, SortOrderSchema } from './common.ts';
import { PERMISSIONS } from './permissions.ts';

export const RoleKeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,39}$/, 'lowercase letters, digits and dashes');

export const UserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  /** Professional licence number of clinicians, printed on what they sign. */
  licenceNumber: z.string().nullable(),
  roles: z.array(z.string()),
  active: z.boolean(),
  mfaEnabled: z.boolean(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});
export type User = z.infer<typeof UserSchema>;

export const USER_SORT_FIELDS = ['name', 'email', 'createdAt', 'lastLoginAt'] as const;
export const UserListQuerySchema = PageQuerySchema.extend({
  q: z.string().trim().max(100).optional(),
  role: RoleKeySchema.optional(),
  active: z.enum(['true', 'false']).optional(),
  sort: z.enum(USER_SORT_FIELDS).default('name'),
  order: SortOrderSchema,
});
export const UserPageSchema = pageOf(UserSchema);

export const CreateUserSchema = z.object({
  email: EmailSchema,
  name: z.string().trim().min(1).max(200),
  roles: z.array(RoleKeySchema).min(1),
  licenceNumber: z.string().trim().max(50).nullable().optional(),
  /** Omitted: the user is emailed a link to set a password. */
  password: z.string().max(256).optional(),
});
export const UpdateUserSchema = requireChange(
  z
    .object({
      email: EmailSchema,
      name: z.string().trim().min(1).max(200),
      roles: z.array(RoleKeySchema).min(1),
      licenceNumber: z.string().trim().max(50).nullable(),
      active: z.boolean(),
    })
    .partial()
    .strict(),
);

export const RoleSchema = z.object({
  key: RoleKeySchema,
  name: z.string(),
  description: z.string(),
  builtIn: z.boolean(),
  /** Accounts holding this role must enrol TOTP before doing anything else. */
  mfaRequired: z.boolean(),
  permissions: z.array(z.enum(PERMISSIONS)),
  userCount: z.number().int(),
});
export type Role = z.infer<typeof RoleSchema>;
export const CreateRoleSchema = z.object({
  key: RoleKeySchema,
  name: z.string().trim().min(1).max(100),
  description: z.string().max(500).default(''),
  mfaRequired: z.boolean().default(false),
  permissions: z.array(z.enum(PERMISSIONS)),
});
export const UpdateRoleSchema = requireChange(
  z
    .object({
      name: z.string().trim().min(1).max(100),
      description: z.string().max(500),
      mfaRequired: z.boolean(),
      permissions: z.array(z.enum(PERMISSIONS)),
    })
    .partial()
    .strict(),
);
export const RoleKeyParamsSchema = z.object({ key: RoleKeySchema });
