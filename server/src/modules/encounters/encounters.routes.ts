import {
  AddAddendumSchema,
  AddDiagnosisSchema,
  AddendumSchema,
  AddProcedureSchema,
  ChartPatientParamsSchema,
  CreateEncounterSchema,
  DiagnosisParamsSchema,
  DiagnosisSchema,
  EncounterListQuerySchema,
  EncounterPageSchema,
  EncounterSchema,
  IdParamsSchema,
  OkSchema,
  ProcedureParamsSchema,
  ProcedureSchema,
  UnsignedNotesSchema,
  UpdateEncounterSchema,
} from '@carebase/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { actorOf, principalOf } from '../../platform/http/route-access.ts';
import * as coding from './encounter-coding.service.ts';
import * as service from './encounters.service.ts';
import { listUnsignedNotes } from './unsigned-notes.service.ts';

const tags = ['encounters'];
const readers = ['chart:read', 'portal:self'] as const;

export function encountersRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/patients/:patientId/encounters', {
      config: { access: 'chart:write' },
      schema: {
        tags,
        summary: 'Open an encounter (draft); the provider defaults to the caller',
        params: ChartPatientParamsSchema,
        body: CreateEncounterSchema,
        response: { 201: EncounterSchema },
      },
      handler: async (req, reply) =>
        reply
          .status(201)
          .send(
            await service.createEncounter(
              ctx,
              principalOf(req),
              actorOf(req),
              req.params.patientId,
              req.body,
            ),
          ),
    });
    app.get('/patients/:patientId/encounters', {
      config: { access: readers },
      schema: {
        tags,
        summary: "A patient's encounters, newest first (a patient sees only signed ones)",
        params: ChartPatientParamsSchema,
        querystring: EncounterListQuerySchema,
        response: { 200: EncounterPageSchema },
      },
      handler: async (req) =>
        service.listEncounters(ctx, principalOf(req), actorOf(req), req.params.patientId, req.query),
    });
    app.get('/encounters/unsigned', {
      config: { access: 'chart:write' },
      schema: {
        tags,
        summary: "The caller's own draft notes, oldest first (up to 20, with the total)",
        response: { 200: UnsignedNotesSchema },
      },
      handler: async (req) => listUnsignedNotes(ctx, principalOf(req), actorOf(req)),
    });
    app.get('/encounters/:id', {
      config: { access: readers },
      schema: {
        tags,
        summary:
          'One encounter with its vitals, diagnoses, procedures, prescriptions, addenda and attachments',
        params: IdParamsSchema,
        response: { 200: EncounterSchema },
      },
      handler: async (req) => service.getEncounter(ctx, principalOf(req), actorOf(req), req.params.id),
    });
    app.patch('/encounters/:id', {
      config: { access: 'chart:write' },
      schema: {
        tags,
        summary: 'Edit the note of a draft encounter (409 once signed: add an addendum instead)',
        params: IdParamsSchema,
        body: UpdateEncounterSchema,
        response: { 200: EncounterSchema },
      },
      handler: async (req) =>
        service.updateEncounter(ctx, principalOf(req), actorOf(req), req.params.id, req.body),
    });
    app.post('/encounters/:id/sign', {
      config: { access: 'encounters:sign' },
      schema: {
        tags,
        summary: 'Sign the note: it is locked for good; later corrections are addenda',
        params: IdParamsSchema,
        response: { 200: EncounterSchema },
      },
      handler: async (req) => service.signEncounter(ctx, principalOf(req), actorOf(req), req.params.id),
    });
    app.post('/encounters/:id/addenda', {
      config: { access: 'chart:write' },
      schema: {
        tags,
        summary: 'Add a correction to a signed encounter, with a reason',
        params: IdParamsSchema,
        body: AddAddendumSchema,
        response: { 201: AddendumSchema },
      },
      handler: async (req, reply) =>
        reply
          .status(201)
          .send(await service.addAddendum(ctx, principalOf(req), actorOf(req), req.params.id, req.body)),
    });
    app.post('/encounters/:id/diagnoses', {
      config: { access: 'chart:write' },
      schema: {
        tags,
        summary: 'Add an ICD-10 diagnosis to a draft encounter',
        params: IdParamsSchema,
        body: AddDiagnosisSchema,
        response: { 201: DiagnosisSchema },
      },
      handler: async (req, reply) =>
        reply
          .status(201)
          .send(await coding.addDiagnosis(ctx, principalOf(req), actorOf(req), req.params.id, req.body)),
    });
    app.delete('/encounters/:id/diagnoses/:diagnosisId', {
      config: { access: 'chart:write' },
      schema: {
        tags,
        summary: 'Remove a diagnosis from a draft encounter',
        params: DiagnosisParamsSchema,
        response: { 200: OkSchema },
      },
      handler: async (req) => {
        await coding.removeDiagnosis(
          ctx,
          principalOf(req),
          actorOf(req),
          req.params.id,
          req.params.diagnosisId,
        );
        return { ok: true as const };
      },
    });
    app.post('/encounters/:id/procedures', {
      config: { access: 'chart:write' },
      schema: {
        tags,
        summary: 'Record a procedure or treatment performed in a draft encounter',
        params: IdParamsSchema,
        body: AddProcedureSchema,
        response: { 201: ProcedureSchema },
      },
      handler: async (req, reply) =>
        reply
          .status(201)
          .send(await coding.addProcedure(ctx, principalOf(req), actorOf(req), req.params.id, req.body)),
    });
    app.delete('/encounters/:id/procedures/:procedureId', {
      config: { access: 'chart:write' },
      schema: {
        tags,
        summary: 'Remove a procedure from a draft encounter',
        params: ProcedureParamsSchema,
        response: { 200: OkSchema },
      },
      handler: async (req) => {
        await coding.removeProcedure(
          ctx,
          principalOf(req),
          actorOf(req),
          req.params.id,
          req.params.procedureId,
        );
        return { ok: true as const };
      },
    });
  };
}
