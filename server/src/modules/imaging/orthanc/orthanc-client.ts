import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { z } from 'zod';

/** Where an Orthanc answers and who we are to it; the password never leaves this file except as a header. */
export type OrthancConnection = { url: string; username: string; password: string | null };

export type OrthancClientOptions = {
  /** For JSON calls, from the request to the end of the answer (default 15 s). */
  timeoutMs?: number;
  /** For a whole DICOM file, in or out (default 10 min). */
  transferTimeoutMs?: number;
};

/** Orthanc could not be reached or refused a call; the message names the address and Orthanc's answer. */
export class OrthancError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'OrthancError';
  }
}

const Tags = z.record(z.string(), z.unknown());
const SystemSchema = z.looseObject({ Version: z.string(), Name: z.string().optional() });
const ChangeSchema = z.looseObject({
  ChangeType: z.string(),
  ID: z.string(),
  ResourceType: z.string(),
  Seq: z.number().int(),
});
const ChangesSchema = z.looseObject({ Changes: z.array(ChangeSchema), Done: z.boolean(), Last: z.number() });
const StudySchema = z.looseObject({
  ID: z.string(),
  MainDicomTags: Tags,
  PatientMainDicomTags: Tags.optional(),
  Series: z.array(z.string()).optional(),
  /** Only from Orthanc 1.11 on, when asked for. */
  RequestedTags: Tags.optional(),
});
const SeriesSchema = z.looseObject({ ID: z.string(), MainDicomTags: Tags, Instances: z.array(z.string()) });
const InstanceSchema = z.looseObject({ ID: z.string(), MainDicomTags: Tags });
const StoredSchema = z.looseObject({ ID: z.string(), Status: z.string() });
const LookupSchema = z.array(z.looseObject({ ID: z.string(), Type: z.string() }));

export type OrthancChange = z.infer<typeof ChangeSchema>;
export type OrthancChanges = z.infer<typeof ChangesSchema>;
export type OrthancStudy = z.infer<typeof StudySchema>;
export type OrthancSeries = z.infer<typeof SeriesSchema>;
export type OrthancInstance = z.infer<typeof InstanceSchema>;

/** A main DICOM tag of an Orthanc resource as text ('' when absent). */
export function tagText(tags: Record<string, unknown> | undefined, name: string): string {
  const value = tags?.[name];
  return typeof value === 'string' ? value : '';
}

/** Orthanc's own words about a refused call (its JSON error body), or the start of whatever it sent. */
async function explain(res: Response): Promise<string> {
  const text = (await res.text().catch(() => '')).slice(0, 2000);
  try {
    const body = JSON.parse(text) as { Message?: unknown; Details?: unknown };
    const parts = [body.Message, body.Details].filter((p) => typeof p === 'string' && p);
    if (parts.length) return parts.join(': ');
  } catch {
    // Not JSON: the text itself, if any, says more than nothing.
  }
  return text.trim().slice(0, 200);
}

function reason(err: unknown): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError'))
    return 'no answer in time';
  const cause =
    err instanceof Error ? (err.cause as { code?: string; message?: string } | undefined) : undefined;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}

export type OrthancClient = ReturnType<typeof createOrthancClient>;

/** A small client of Orthanc's REST API (https://orthanc.uclouvain.be/api/), over the global fetch. */
export function createOrthancClient(connection: OrthancConnection, options: OrthancClientOptions = {}) {
  const base = connection.url.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 15_000;
  const transferTimeoutMs = options.transferTimeoutMs ?? 600_000;
  const auth =
    connection.username || connection.password
      ? `Basic ${Buffer.from(`${connection.username}:${connection.password ?? ''}`).toString('base64')}`
      : undefined;

  async function call(method: string, path: string, init: RequestInit & { timeout?: number } = {}) {
    const { timeout, headers, ...rest } = init;
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, {
        method,
        ...rest,
        headers: { ...(auth ? { authorization: auth } : {}), ...(headers as Record<string, string>) },
        signal: AbortSignal.timeout(timeout ?? timeoutMs),
      });
    } catch (err) {
      throw new OrthancError(
        `Orthanc at ${base} could not be reached (${method} ${path}): ${reason(err)}`,
        null,
      );
    }
    if (res.ok) return res;
    const what = `Orthanc at ${base} answered ${res.status} to ${method} ${path}`;
    if (res.status === 401 || res.status === 403) {
      await res.body?.cancel();
      throw new OrthancError(`${what}: it refused the username or password`, res.status);
    }
    const said = await explain(res);
    throw new OrthancError(said ? `${what}: ${said}` : what, res.status);
  }

  async function json<T>(schema: z.ZodType<T>, method: string, path: string, body?: unknown): Promise<T> {
    const res = await call(method, path, body === undefined ? {} : { body: JSON.stringify(body) });
    let parsed: unknown;
    try {
      parsed = await res.json();
    } catch (err) {
      throw new OrthancError(`Orthanc at ${base} sent no JSON for ${method} ${path}: ${reason(err)}`, null);
    }
    const checked = schema.safeParse(parsed);
    if (!checked.success)
      throw new OrthancError(`Orthanc at ${base} sent an unexpected answer to ${method} ${path}`, null);
    return checked.data;
  }

  return {
    url: base,
    system: () => json(SystemSchema, 'GET', '/system'),
    /** Changes after `since` (exclusive), at most `limit`; `Last` is the sequence to ask from next. */
    changes: (since: number, limit: number) =>
      json(ChangesSchema, 'GET', `/changes?since=${since}&limit=${limit}`),
    study: (id: string) => json(StudySchema, 'GET', `/studies/${encodeURIComponent(id)}`),
    series: (id: string) => json(SeriesSchema, 'GET', `/series/${encodeURIComponent(id)}`),
    studySeries: (id: string) =>
      json(z.array(SeriesSchema), 'GET', `/studies/${encodeURIComponent(id)}/series`),
    studyInstances: (id: string) =>
      json(z.array(InstanceSchema), 'GET', `/studies/${encodeURIComponent(id)}/instances`),
    /** One page of every study Orthanc holds, in its index order (`since` is an offset here). */
    listStudies: (since: number, limit: number) =>
      json(z.array(StudySchema), 'GET', `/studies?expand&since=${since}&limit=${limit}`),
    findStudies: (query: Record<string, string>, limit: number) =>
      json(z.array(StudySchema), 'POST', '/tools/find', {
        Level: 'Study',
        Query: query,
        Expand: true,
        Limit: limit,
        CaseSensitive: false,
        RequestedTags: ['ModalitiesInStudy', 'NumberOfStudyRelatedInstances'],
      }),
    /** Orthanc's id of the study with this Study Instance UID, or undefined. */
    async lookupStudy(studyUid: string): Promise<string | undefined> {
      const res = await call('POST', '/tools/lookup', { body: studyUid });
      const found = LookupSchema.safeParse(await res.json().catch(() => null));
      return found.success ? found.data.find((r) => r.Type === 'Study')?.ID : undefined;
    },
    /** The instance's DICOM file as Orthanc stored it, streamed. */
    async instanceFile(id: string): Promise<{ stream: Readable; size: number | null }> {
      const res = await call('GET', `/instances/${encodeURIComponent(id)}/file`, {
        timeout: transferTimeoutMs,
      });
      if (!res.body) throw new OrthancError(`Orthanc at ${base} sent an empty file for instance ${id}`, null);
      const length = Number(res.headers.get('content-length'));
      return {
        stream: Readable.fromWeb(res.body as WebReadableStream<Uint8Array>),
        size: Number.isFinite(length) && length > 0 ? length : null,
      };
    },
    /** Sends one DICOM file; Orthanc answers Success, or AlreadyStored when it has it. */
    async storeInstance(file: Readable, size: number) {
      const res = await call('POST', '/instances', {
        headers: { 'content-type': 'application/dicom', 'content-length': String(size) },
        body: Readable.toWeb(file) as ReadableStream<Uint8Array>,
        duplex: 'half',
        timeout: transferTimeoutMs,
      } as RequestInit & { duplex: 'half'; timeout: number });
      const stored = StoredSchema.safeParse(await res.json().catch(() => null));
      if (!stored.success)
        throw new OrthancError(`Orthanc at ${base} sent an unexpected answer to a store`, null);
      return stored.data;
    },
  };
}
