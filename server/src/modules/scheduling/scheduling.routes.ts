import {
  CreateDepartmentSchema,
  CreateRoomSchema,
  CreateServiceSchema,
  CreateTimeOffSchema,
  DepartmentListSchema,
  DepartmentParamsSchema,
  DepartmentSchema,
  IdParamsSchema,
  OkSchema,
  ProviderListQuerySchema,
  ProviderListSchema,
  PutScheduleSchema,
  RoomListQuerySchema,
  RoomListSchema,
  RoomSchema,
  ServiceListQuerySchema,
  ServiceListSchema,
  ServiceSchema,
  TimeOffListSchema,
  TimeOffQuerySchema,
  TimeOffSchema,
  UpdateDepartmentSchema,
  UpdateRoomSchema,
  UpdateServiceSchema,
  WeeklyScheduleSchema,
  WorkingTimeQuerySchema,
  WorkingTimeSchema,
} from '@carebase/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { actorOf, principalOf } from '../../platform/http/route-access.ts';
import * as departments from './departments.service.ts';
import * as providers from './providers.service.ts';
import * as rooms from './rooms.service.ts';
import * as schedule from './schedule.service.ts';
import * as catalog from './service-catalog.service.ts';
import * as timeOff from './time-off.service.ts';

const tags = ['scheduling'];

export function schedulingRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/departments', {
      config: { access: ['schedules:read', 'portal:self'] },
      schema: {
        tags,
        summary: 'Departments (the portal sees active ones)',
        response: { 200: DepartmentListSchema },
      },
      handler: async (req) => ({ items: await departments.listDepartments(ctx.db, principalOf(req)) }),
    });
    app.post('/departments', {
      config: { access: 'schedules:write' },
      schema: {
        tags,
        summary: 'Create a department',
        body: CreateDepartmentSchema,
        response: { 201: DepartmentSchema },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await departments.createDepartment(ctx, actorOf(req), req.body)),
    });
    app.patch('/departments/:key', {
      config: { access: 'schedules:write' },
      schema: {
        tags,
        summary: 'Rename, re-prefix or (de)activate a department',
        params: DepartmentParamsSchema,
        body: UpdateDepartmentSchema,
        response: { 200: DepartmentSchema },
      },
      handler: async (req) => departments.updateDepartment(ctx, actorOf(req), req.params.key, req.body),
    });

    app.get('/rooms', {
      config: { access: 'schedules:read' },
      schema: { tags, summary: 'Rooms', querystring: RoomListQuerySchema, response: { 200: RoomListSchema } },
      handler: async (req) => ({ items: await rooms.listRooms(ctx.db, req.query) }),
    });
    app.post('/rooms', {
      config: { access: 'schedules:write' },
      schema: { tags, summary: 'Create a room', body: CreateRoomSchema, response: { 201: RoomSchema } },
      handler: async (req, reply) =>
        reply.status(201).send(await rooms.createRoom(ctx, actorOf(req), req.body)),
    });
    app.patch('/rooms/:id', {
      config: { access: 'schedules:write' },
      schema: {
        tags,
        summary: 'Edit a room',
        params: IdParamsSchema,
        body: UpdateRoomSchema,
        response: { 200: RoomSchema },
      },
      handler: async (req) => rooms.updateRoom(ctx, actorOf(req), req.params.id, req.body),
    });

    app.get('/services', {
      config: { access: ['schedules:read', 'portal:self'] },
      schema: {
        tags,
        summary: 'Services with their providers (the portal sees active self-bookable ones)',
        querystring: ServiceListQuerySchema,
        response: { 200: ServiceListSchema },
      },
      handler: async (req) => ({ items: await catalog.listServices(ctx.db, principalOf(req), req.query) }),
    });
    app.post('/services', {
      config: { access: 'schedules:write' },
      schema: {
        tags,
        summary: 'Create a service',
        body: CreateServiceSchema,
        response: { 201: ServiceSchema },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await catalog.createService(ctx, actorOf(req), req.body)),
    });
    app.patch('/services/:id', {
      config: { access: 'schedules:write' },
      schema: {
        tags,
        summary: 'Edit a service (providerIds replaces the list)',
        params: IdParamsSchema,
        body: UpdateServiceSchema,
        response: { 200: ServiceSchema },
      },
      handler: async (req) => catalog.updateService(ctx, actorOf(req), req.params.id, req.body),
    });

    app.get('/providers', {
      config: { access: ['schedules:read', 'portal:self'] },
      schema: {
        tags,
        summary: 'Active users with a clinical role and the services they offer',
        querystring: ProviderListQuerySchema,
        response: { 200: ProviderListSchema },
      },
      handler: async (req) => ({ items: await providers.listProviders(ctx.db, principalOf(req), req.query) }),
    });
    app.get('/providers/:id/schedule', {
      config: { access: 'schedules:read' },
      schema: {
        tags,
        summary: 'A provider’s weekly hours, on the clinic’s wall clock',
        params: IdParamsSchema,
        response: { 200: WeeklyScheduleSchema },
      },
      handler: async (req) => schedule.getSchedule(ctx.db, req.params.id),
    });
    app.put('/providers/:id/schedule', {
      config: { access: 'schedules:write' },
      schema: {
        tags,
        summary: 'Replace a provider’s weekly hours (work and break rows) in one go',
        params: IdParamsSchema,
        body: PutScheduleSchema,
        response: { 200: WeeklyScheduleSchema },
      },
      handler: async (req) => schedule.replaceSchedule(ctx, actorOf(req), req.params.id, req.body),
    });

    app.get('/time-off', {
      config: { access: 'schedules:read' },
      schema: {
        tags,
        summary: 'Time off overlapping a range; a provider filter includes clinic-wide days',
        querystring: TimeOffQuerySchema,
        response: { 200: TimeOffListSchema },
      },
      handler: async (req) => ({ items: await timeOff.listTimeOff(ctx.db, req.query) }),
    });
    app.post('/time-off', {
      config: { access: 'schedules:write' },
      schema: {
        tags,
        summary: 'Add time off for a provider, or clinic-wide (providerId null)',
        body: CreateTimeOffSchema,
        response: { 201: TimeOffSchema },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await timeOff.createTimeOff(ctx, actorOf(req), req.body)),
    });
    app.delete('/time-off/:id', {
      config: { access: 'schedules:write' },
      schema: { tags, summary: 'Remove time off', params: IdParamsSchema, response: { 200: OkSchema } },
      handler: async (req) => {
        await timeOff.deleteTimeOff(ctx, actorOf(req), req.params.id);
        return { ok: true as const };
      },
    });

    app.get('/working-time', {
      config: { access: 'schedules:read' },
      schema: {
        tags,
        summary: 'A provider’s working intervals (weekly hours minus breaks and time off) as UTC instants',
        querystring: WorkingTimeQuerySchema,
        response: { 200: WorkingTimeSchema },
      },
      handler: async (req) => schedule.getWorkingTime(ctx.db, req.query),
    });
  };
}
