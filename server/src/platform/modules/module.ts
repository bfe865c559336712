import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import type { Executor } from '../db/database.ts';
import type { BlobReference } from '../files/blob-gc.ts';

/** A plugin of routes and where it is mounted ('' for the app's root, e.g. public pages). */
export type ModuleRoutes = { plugin: (ctx: AppContext) => FastifyPluginAsyncZod; prefix: string };

export type ModuleService = { name: string; start(): Promise<void>; stop(): Promise<void> };

/**
 * What a feature module adds to the app. `app.ts` walks the one list of modules (`modules/index.ts`) and
 * never names a module's routes, jobs or start-up work itself.
 */
export type CarebaseModule = {
  name: string;
  /** Start-up work on the migrated database before the app serves (built-in rows), in list order. */
  seed?: (db: Executor) => Promise<unknown>;
  /** Recurring work and job handlers, given the app's context once it exists. */
  jobs?: (ctx: AppContext) => void;
  routes?: readonly ModuleRoutes[];
  /** Listeners of its own (e.g. a DICOM port): started when the app is ready, stopped when it closes. */
  services?: (ctx: AppContext) => readonly ModuleService[];
  /** Where this module's rows name blobs: the collector keeps every blob any of them names. */
  blobReferences?: readonly BlobReference[];
};
