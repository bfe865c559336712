import type { AppContext } from '../../../app-context.ts';
import { type ActorContext, writeReadAudit } from '../../../platform/audit/audit.writer.ts';
import { fieldError } from '../../../platform/errors.ts';
import type { OrthancBrowseQuery, OrthancRemoteStudy } from './orthanc.schemas.ts';
import { type OrthancClient, type OrthancStudy, tagText } from './orthanc-client.ts';
import { eachLimited } from './orthanc-import.ts';
import { storedStudyUids } from './orthanc-links.repository.ts';
import { orthancClientFor, requireLink } from './orthanc-links.service.ts';
import { remote } from './orthanc-transfer.service.ts';

const dicomDay = (day: string | undefined) => day?.replaceAll('-', '') ?? '';

/** Orthanc's find is an AND of its keys: a free text is tried as a name, a patient ID and an accession. */
function findQueries(query: OrthancBrowseQuery): Record<string, string>[] {
  const base: Record<string, string> = {};
  const from = dicomDay(query.from);
  const to = dicomDay(query.to);
  if (from && to && from > to) throw fieldError('querystring.to', 'is before from');
  if (from || to) base.StudyDate = from === to ? from : `${from}-${to}`;
  if (query.modality) base.ModalitiesInStudy = query.modality.toUpperCase();
  if (!query.q) return [base];
  return ['PatientName', 'PatientID', 'AccessionNumber'].map((key) => ({ ...base, [key]: `*${query.q}*` }));
}

/** Modalities and instance count: in the answer from Orthanc 1.11 on, else from the study's series. */
async function contentsOf(client: OrthancClient, study: OrthancStudy) {
  const modalities = tagText(study.RequestedTags, 'ModalitiesInStudy');
  const count = Number(tagText(study.RequestedTags, 'NumberOfStudyRelatedInstances'));
  if (modalities && Number.isInteger(count)) return { modalities: modalities.split('\\'), instances: count };
  const series = await client.studySeries(study.ID);
  return {
    modalities: [...new Set(series.map((s) => tagText(s.MainDicomTags, 'Modality')).filter(Boolean))],
    instances: series.reduce((n, s) => n + s.Instances.length, 0),
  };
}

/** Studies of the linked Orthanc that match, each marked when this archive already holds it. */
export async function browseOrthanc(
  ctx: AppContext,
  actor: ActorContext,
  linkId: string,
  query: OrthancBrowseQuery,
): Promise<{ items: OrthancRemoteStudy[]; truncated: boolean }> {
  const link = await requireLink(ctx.db, linkId);
  const client = orthancClientFor(link);
  const queries = findQueries(query);
  const answers = await remote(
    () => Promise.all(queries.map((q) => client.findStudies(q, query.limit + 1))),
    `Orthanc at ${link.url} does not answer finds.`,
  );
  const byId = new Map<string, OrthancStudy>();
  for (const study of answers.flat()) if (!byId.has(study.ID)) byId.set(study.ID, study);
  const found = [...byId.values()];
  const studies = found.slice(0, query.limit);
  const stored = await storedStudyUids(
    ctx.db,
    studies.map((s) => tagText(s.MainDicomTags, 'StudyInstanceUID')),
  );
  const items: OrthancRemoteStudy[] = new Array(studies.length);
  await remote(
    () =>
      eachLimited(
        studies.map((study, i) => ({ study, i })),
        4,
        async ({ study, i }) => {
          const studyUid = tagText(study.MainDicomTags, 'StudyInstanceUID');
          items[i] = {
            orthancId: study.ID,
            studyUid,
            patientName: tagText(study.PatientMainDicomTags, 'PatientName'),
            patientId: tagText(study.PatientMainDicomTags, 'PatientID'),
            date: tagText(study.MainDicomTags, 'StudyDate'),
            description: tagText(study.MainDicomTags, 'StudyDescription'),
            accessionNumber: tagText(study.MainDicomTags, 'AccessionNumber'),
            ...(await contentsOf(client, study)),
            stored: stored.has(studyUid),
          };
        },
      ),
    `A study vanished from Orthanc at ${link.url} while it was listed; try again.`,
  );
  await writeReadAudit(ctx.db, actor, {
    action: 'imaging.orthanc.browse',
    resourceType: 'orthanc-link',
    resourceId: link.id,
    details: { query, count: items.length },
  });
  return { items, truncated: found.length > query.limit };
}
