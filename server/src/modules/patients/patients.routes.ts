import { Readable } from 'node:stream';
import {
  AllergyInputSchema,
  AllergyParamsSchema,
  AllergySchema,
  AllergyUpdateSchema,
  ConditionInputSchema,
  ConditionParamsSchema,
  ConditionSchema,
  ConditionUpdateSchema,
  CreatePatientSchema,
  DuplicateCheckQuerySchema,
  DuplicateCheckResponseSchema,
  MergePatientSchema,
  MergeResultSchema,
  PATIENT_EXPORT_MAX_ROWS,
  PatientExportQuerySchema,
  PatientIdParamsSchema,
  PatientPageSchema,
  PatientSchema,
  PatientSearchQuerySchema,
  PHOTO_CONTENT_TYPES,
  PhotoQuerySchema,
  UpdatePatientSchema,
} from '@carebase/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { sendBlob } from '../../platform/files/blob-reply.ts';
import { registerRawUploadParser } from '../../platform/files/raw-upload.ts';
import { actorOf, principalOf } from '../../platform/http/route-access.ts';
import { checkDuplicates } from './patient-duplicates.service.ts';
import * as lists from './patient-lists.service.ts';
import * as photos from './patient-photo.service.ts';
import * as patients from './patients.service.ts';
import { exportPatientsCsv } from './patients-export.service.ts';
import { mergePatient } from './patients-merge.service.ts';
import { searchPatients } from './patients-search.service.ts';

const tags = ['patients'];

export function patientsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    // Photos arrive as the raw image body, streamed; the service checks the bytes really are what the type says.
    registerRawUploadParser(app, photos.PHOTO_UPLOAD_RULES, [...PHOTO_CONTENT_TYPES]);

    app.get('', {
      config: { access: 'patients:read' },
      schema: {
        tags,
        summary:
          'Search patients (MRN, identifier, phone, birth date, name prefix or fuzzy) with cursor pages',
        querystring: PatientSearchQuerySchema,
        response: { 200: PatientPageSchema },
      },
      handler: async (req) => searchPatients(ctx, principalOf(req), actorOf(req), req.query),
    });
    app.get('/duplicates', {
      config: { access: 'patients:read' },
      schema: {
        tags,
        summary: 'Possible duplicates of a patient being registered (same name and birth date, or phone)',
        querystring: DuplicateCheckQuerySchema,
        response: { 200: DuplicateCheckResponseSchema },
      },
      handler: async (req) => checkDuplicates(ctx, principalOf(req), actorOf(req), req.query),
    });
    app.get('/export.csv', {
      config: { access: 'patients:read' },
      schema: {
        tags,
        summary: `Every patient a search finds (its filters and order, no pages) as CSV, at most ${PATIENT_EXPORT_MAX_ROWS.toLocaleString('en')} rows`,
        querystring: PatientExportQuerySchema,
      },
      handler: async (req, reply) => {
        const csv = await exportPatientsCsv(ctx, principalOf(req), actorOf(req), req.query);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${csv.filename}"`)
          .header('cache-control', 'private, no-store')
          .send(Readable.from(csv.lines));
      },
    });
    app.get('/me', {
      config: { access: 'portal:self' },
      schema: {
        tags,
        summary: "The signed-in patient's own record (404 when no record is linked to the account)",
        response: { 200: PatientSchema },
      },
      handler: async (req) => patients.getOwnPatient(ctx, principalOf(req), actorOf(req)),
    });
    app.post('', {
      config: { access: 'patients:write' },
      schema: {
        tags,
        summary: 'Register a patient (409 naming possible duplicates unless confirmDuplicate is true)',
        body: CreatePatientSchema,
        response: { 201: PatientSchema },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await patients.createPatient(ctx, actorOf(req), req.body)),
    });
    app.get('/:id', {
      config: { access: ['patients:read', 'portal:self'] },
      schema: {
        tags,
        summary:
          'One patient: demographics, identifiers, allergies, conditions (a merged one shows mergedIntoId)',
        params: PatientIdParamsSchema,
        response: { 200: PatientSchema },
      },
      handler: async (req) => patients.getPatient(ctx, principalOf(req), actorOf(req), req.params.id),
    });
    app.patch('/:id', {
      config: { access: 'patients:write' },
      schema: {
        tags,
        summary: 'Edit demographics, replace identifiers, link or unlink the portal account (userId)',
        params: PatientIdParamsSchema,
        body: UpdatePatientSchema,
        response: { 200: PatientSchema },
      },
      handler: async (req) => patients.updatePatient(ctx, actorOf(req), req.params.id, req.body),
    });
    app.put('/:id/photo', {
      config: { access: 'patients:write' },
      schema: {
        tags,
        summary:
          'Set the photo: the raw JPEG or PNG bytes as the body (image/jpeg or image/png, at most 5 MB)',
        params: PatientIdParamsSchema,
        response: { 200: PatientSchema },
      },
      handler: async (req) =>
        photos.setPhoto(ctx, actorOf(req), req.params.id, req.body, req.headers['content-type']),
    });
    app.get('/:id/photo', {
      config: { access: ['patients:read', 'portal:self'] },
      schema: {
        tags,
        summary: 'The photo bytes',
        params: PatientIdParamsSchema,
        querystring: PhotoQuerySchema,
      },
      handler: async (req, reply) => {
        const photo = await photos.openPhoto(ctx, principalOf(req), actorOf(req), req.params.id);
        // Every view is a read of the record, and audited: browsers must ask again.
        return sendBlob(req, reply, ctx.blobs, photo.sha256, {
          'content-type': photo.contentType,
          'cache-control': 'private, no-store',
        });
      },
    });
    app.delete('/:id/photo', {
      config: { access: 'patients:write' },
      schema: { tags, summary: 'Remove the photo', params: PatientIdParamsSchema },
      handler: async (req, reply) => {
        await photos.removePhoto(ctx, actorOf(req), req.params.id);
        return reply.status(204).send();
      },
    });
    app.post('/:id/allergies', {
      config: { access: 'chart:write' },
      schema: {
        tags,
        summary: 'Record an allergy',
        params: PatientIdParamsSchema,
        body: AllergyInputSchema,
        response: { 201: AllergySchema },
      },
      handler: async (req, reply) =>
        reply
          .status(201)
          .send(await lists.addAllergy(ctx, actorOf(req), principalOf(req), req.params.id, req.body)),
    });
    app.patch('/:id/allergies/:allergyId', {
      config: { access: 'chart:write' },
      schema: {
        tags,
        summary: 'Change an allergy, or deactivate it (status: inactive)',
        params: AllergyParamsSchema,
        body: AllergyUpdateSchema,
        response: { 200: AllergySchema },
      },
      handler: async (req) =>
        lists.changeAllergy(
          ctx,
          actorOf(req),
          principalOf(req),
          req.params.id,
          req.params.allergyId,
          req.body,
        ),
    });
    app.post('/:id/conditions', {
      config: { access: 'chart:write' },
      schema: {
        tags,
        summary: 'Record a chronic condition',
        params: PatientIdParamsSchema,
        body: ConditionInputSchema,
        response: { 201: ConditionSchema },
      },
      handler: async (req, reply) =>
        reply
          .status(201)
          .send(await lists.addCondition(ctx, actorOf(req), principalOf(req), req.params.id, req.body)),
    });
    app.patch('/:id/conditions/:conditionId', {
      config: { access: 'chart:write' },
      schema: {
        tags,
        summary: 'Change a condition, or resolve it (status: resolved)',
        params: ConditionParamsSchema,
        body: ConditionUpdateSchema,
        response: { 200: ConditionSchema },
      },
      handler: async (req) =>
        lists.changeCondition(
          ctx,
          actorOf(req),
          principalOf(req),
          req.params.id,
          req.params.conditionId,
          req.body,
        ),
    });
    app.post('/:id/merge', {
      config: { access: 'patients:merge' },
      schema: {
        tags,
        summary: 'Merge this record into intoId: everything moves there, this one stays as a pointer',
        params: PatientIdParamsSchema,
        body: MergePatientSchema,
        response: { 200: MergeResultSchema },
      },
      handler: async (req) =>
        mergePatient(ctx, actorOf(req), principalOf(req), req.params.id, req.body.intoId),
    });
  };
}
