import {
  DeleteImagingSchema,
  DicomPeerInputSchema,
  DicomPeerListSchema,
  DicomPeerSchema,
  DimseActivityListSchema,
  IdParamsSchema,
  ImagingConflictListSchema,
  ImagingStudyDetailSchema,
  ImagingStudyListSchema,
  ImagingStudyQuerySchema,
  ImagingStudySchema,
  LinkStudySchema,
  PeerEchoResultSchema,
  PeerFindSchema,
  PeerRetrieveSchema,
  PeerStoreSchema,
  PeerStudyListSchema,
  PeerTransferResultSchema,
  ResolveConflictSchema,
} from '@carebase/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { actorOf, principalOf } from '../../platform/http/route-access.ts';
import * as actions from './dicom-peer-actions.service.ts';
import * as peers from './dicom-peers.service.ts';
import { listConflicts, resolveConflict } from './imaging-conflicts.service.ts';
import * as studies from './imaging-studies.service.ts';

const tags = ['imaging'];

/** The imaging pages' API: studies and their patients, reconciliation, conflicts, DICOM peers, activity. */
export function imagingRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/imaging/studies', {
      config: { access: 'imaging:read' },
      schema: {
        tags,
        summary: 'Studies, newest first, with search',
        querystring: ImagingStudyQuerySchema,
        response: { 200: ImagingStudyListSchema },
      },
      handler: (req) => studies.listStudies(ctx, actorOf(req), req.query),
    });
    app.get('/imaging/studies/:id', {
      config: { access: 'imaging:read' },
      schema: {
        tags,
        summary: 'A study with its series (and patient suggestions when unmatched)',
        params: IdParamsSchema,
        response: { 200: ImagingStudyDetailSchema },
      },
      handler: (req) => studies.getStudy(ctx, actorOf(req), req.params.id),
    });
    app.post('/imaging/studies/:id/link', {
      config: { access: 'imaging:reconcile' },
      schema: {
        tags,
        summary: 'Link a study to a patient, optionally writing the patient into the stored files',
        params: IdParamsSchema,
        body: LinkStudySchema,
        response: { 200: ImagingStudySchema },
      },
      handler: (req) => studies.linkStudy(ctx, actorOf(req), req.params.id, req.body),
    });
    app.delete('/imaging/studies/:id', {
      config: { access: 'imaging:delete' },
      schema: {
        tags,
        summary: 'Delete a study (its files go with the next garbage collection)',
        params: IdParamsSchema,
        body: DeleteImagingSchema,
      },
      handler: async (req, reply) => {
        await studies.deleteStudy(ctx, actorOf(req), req.params.id, req.body.reason);
        return reply.status(204).send();
      },
    });
    app.delete('/imaging/series/:id', {
      config: { access: 'imaging:delete' },
      schema: {
        tags,
        summary: 'Delete a series (and its study when it was the last)',
        params: IdParamsSchema,
        body: DeleteImagingSchema,
      },
      handler: async (req, reply) => {
        await studies.deleteSeries(ctx, actorOf(req), req.params.id, req.body.reason);
        return reply.status(204).send();
      },
    });
    app.get('/patients/:patientId/imaging', {
      config: { access: ['chart:read', 'imaging:read'] },
      schema: {
        tags,
        summary: "A patient's imaging studies",
        params: z.object({ patientId: z.uuid() }),
        response: { 200: ImagingStudyListSchema },
      },
      handler: (req) => studies.listPatientStudies(ctx, principalOf(req), actorOf(req), req.params.patientId),
    });
    app.get('/imaging/conflicts', {
      config: { access: 'imaging:reconcile' },
      schema: {
        tags,
        summary: 'Files that arrived under a stored SOP Instance UID with other content',
        response: { 200: ImagingConflictListSchema },
      },
      handler: async () => ({ items: await listConflicts(ctx) }),
    });
    app.post('/imaging/conflicts/:id/resolve', {
      config: { access: 'imaging:reconcile' },
      schema: {
        tags,
        summary: 'Keep the stored instance, or replace it with the conflicting file',
        params: IdParamsSchema,
        body: ResolveConflictSchema,
      },
      handler: async (req, reply) => {
        await resolveConflict(ctx, actorOf(req), req.params.id, req.body.resolution);
        return reply.status(204).send();
      },
    });
    app.get('/imaging/peers', {
      config: { access: 'imaging:admin' },
      schema: { tags, summary: 'Known DICOM peers', response: { 200: DicomPeerListSchema } },
      handler: async () => ({ items: await peers.listPeers(ctx) }),
    });
    app.post('/imaging/peers', {
      config: { access: 'imaging:admin' },
      schema: {
        tags,
        summary: 'Add a DICOM peer',
        body: DicomPeerInputSchema,
        response: { 201: DicomPeerSchema },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await peers.createPeer(ctx, actorOf(req), req.body)),
    });
    app.put('/imaging/peers/:id', {
      config: { access: 'imaging:admin' },
      schema: {
        tags,
        summary: 'Change a DICOM peer',
        params: IdParamsSchema,
        body: DicomPeerInputSchema,
        response: { 200: DicomPeerSchema },
      },
      handler: (req) => peers.updatePeer(ctx, actorOf(req), req.params.id, req.body),
    });
    app.delete('/imaging/peers/:id', {
      config: { access: 'imaging:admin' },
      schema: { tags, summary: 'Remove a DICOM peer', params: IdParamsSchema },
      handler: async (req, reply) => {
        await peers.deletePeer(ctx, actorOf(req), req.params.id);
        return reply.status(204).send();
      },
    });
    app.post('/imaging/peers/:id/echo', {
      config: { access: 'imaging:admin' },
      schema: {
        tags,
        summary: 'C-ECHO the peer',
        params: IdParamsSchema,
        response: { 200: PeerEchoResultSchema },
      },
      handler: (req) => actions.echoPeer(ctx, req.params.id),
    });
    app.post('/imaging/peers/:id/find', {
      config: { access: 'imaging:read' },
      schema: {
        tags,
        summary: 'C-FIND studies on the peer',
        params: IdParamsSchema,
        body: PeerFindSchema,
        response: { 200: PeerStudyListSchema },
      },
      handler: async (req) => ({
        items: await actions.findOnPeer(ctx, actorOf(req), req.params.id, req.body),
      }),
    });
    app.post('/imaging/peers/:id/retrieve', {
      config: { access: 'imaging:store' },
      schema: {
        tags,
        summary: 'Bring a study from the peer (C-GET, or C-MOVE to this archive)',
        params: IdParamsSchema,
        body: PeerRetrieveSchema,
        response: { 200: PeerTransferResultSchema },
      },
      handler: (req) =>
        actions.retrieveFromPeer(ctx, actorOf(req), req.params.id, req.body.studyUid, req.body.method),
    });
    app.post('/imaging/peers/:id/store', {
      config: { access: 'imaging:admin' },
      schema: {
        tags,
        summary: 'Send a stored study to the peer (C-STORE)',
        params: IdParamsSchema,
        body: PeerStoreSchema,
        response: { 200: PeerTransferResultSchema },
      },
      handler: (req) => actions.storeToPeer(ctx, actorOf(req), req.params.id, req.body.studyUid),
    });
    app.get('/imaging/activity', {
      config: { access: 'imaging:admin' },
      schema: {
        tags,
        summary: 'What DIMSE associations did, newest first (the last 500)',
        response: { 200: DimseActivityListSchema },
      },
      handler: async () => ({ items: await peers.listActivity(ctx) }),
    });
  };
}
