import type { AppContext } from '../../app-context.ts';
import type { ModuleService } from '../../platform/modules/module.ts';
import { createDimseServer, type DimseServer } from './dimse/index.ts';
import { archiveHandlers } from './dimse-archive.ts';

/** Instances one C-MOVE or C-GET may send (a whole patient's history stays within it). */
const RETRIEVE_CAP = 50_000;

/** The archive's DICOM port, when DICOM_PORT is set: C-ECHO, C-STORE, C-FIND, C-MOVE and C-GET. */
export function dimseListener(ctx: AppContext): ModuleService[] {
  const settings = ctx.config.dimse;
  if (!settings) return [];
  let server: DimseServer | null = null;
  return [
    {
      name: 'dimse',
      async start() {
        server = createDimseServer({
          ...archiveHandlers(ctx, { ...settings, retrieveCap: RETRIEVE_CAP }),
          aeTitle: settings.aeTitle,
        });
        const port = await server.listen(settings.port, settings.host);
        ctx.log.info({ port, aeTitle: settings.aeTitle }, 'DICOM listener started');
      },
      async stop() {
        await server?.close(3000);
        server = null;
      },
    },
  ];
}
