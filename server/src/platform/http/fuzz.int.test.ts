import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { queryRows } from '../db/database.ts';

/**
 * Walks every route of the OpenAPI document as an administrator and sends it bad input: malformed JSON,
 * wrong types, NUL characters, lone surrogates, `__proto__` keys, huge strings, impossible dates, bad and
 * unknown UUIDs, SQL-looking text, in the body, the query and the path. It fails on any 5xx, on a 4xx that
 * is not problem+json, and on a 4xx that wrote to an application table.
 *
 * Deterministic: the cases are drawn from a seeded generator (FUZZ_SEED=n explores another draw).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_250_930);
/** How many of the possible bad values each field gets (drawn by the seed), besides the ones it always gets. */
const PER_FIELD = Number(process.env.FUZZ_PER_FIELD ?? 3);

/**
 * Not fuzzed: logging out revokes the administrator's own session, which every other case needs; starting a
 * backup takes no input and goes on writing its progress in the background, under the cases that follow.
 */
const SKIPPED = new Set(['POST /api/auth/logout', 'POST /api/operations/backups']);

/** Tables whose rows a refused request may legitimately write (the trail of denied attempts, session use). */
const BOOKKEEPING = new Set(['audit_events', 'audit_chain_head', 'sessions']);

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
};
type Parameter = {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema: JsonSchema;
};
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
};
type OpenApi = { paths: Record<string, Record<string, Operation>> };

/** mulberry32: small, fast and the same everywhere. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    uuid(): string {
      const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16));
      hex[12] = '4';
      hex[16] = '89ab'[Math.floor(next() * 4)] ?? '8';
      const s = hex.join('');
      return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
    },
    /** `count` items of `items`, in a stable order. */
    pick<T>(items: T[], count: number): T[] {
      const pool = [...items];
      const chosen: T[] = [];
      while (chosen.length < count && pool.length)
        chosen.push(pool.splice(Math.floor(next() * pool.length), 1)[0] as T);
      return chosen;
    },
  };
}

const rng = generator(SEED);

function day(offsetDays: number): string {
  const d = new Date(Date.UTC(2026, 0, 1) + offsetDays * 86_400_000);
  return d.toISOString().slice(0, 10);
}
/** Dates that must lie in the past (births, measurements) and ones that should lie ahead (bookings). */
const PAST_NAMES = /birth|since|taken|started|performed|signed/i;
/** Ends come a day after starts, so that a range is plausible. */
const END_NAMES = /^(to|until|endsAt|validTo|end\w*)$/;
const pastOrFuture = (name: string) =>
  PAST_NAMES.test(name) ? day(-3000) : END_NAMES.test(name) ? day(4001) : day(4000);

/** Values that satisfy patterns the generic generator cannot guess; the first that matches is used. */
const PATTERN_CANDIDATES = ['J06.9', 'FZ', '09:00', '17:00', '123456', 'US', 'fuzz-key', 'fuzz', 'A1', '16'];

type Known = Record<string, string>;

/** A plausible value for a schema: the kind of value a real client would send. */
function plausible(schema: JsonSchema, name: string, known: Known, depth = 0): unknown {
  if (depth > 6) return null;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum.find((v) => v !== '') ?? schema.enum[0];
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) {
    const branch = branches.find((b) => b.type !== 'null') ?? branches[0];
    return branch ? plausible(branch, name, known, depth + 1) : null;
  }
  if (schema.allOf?.[0]) return plausible(schema.allOf[0], name, known, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'string':
      return plausibleString(schema, name, known);
    case 'integer':
    case 'number': {
      if (name === 'tooth') return 16;
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
      return Math.min(Math.max(min, 1), schema.maximum ?? Number.MAX_SAFE_INTEGER);
    }
    case 'boolean':
      return typeof schema.default === 'boolean' ? schema.default : false;
    case 'array': {
      const count = Math.max(schema.minItems ?? 0, 1);
      return Array.from({ length: count }, () => plausible(schema.items ?? {}, name, known, depth + 1));
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      // The required fields, and the optional ones that name something this test created (a patient, a room).
      for (const [key, inner] of Object.entries(schema.properties ?? {})) {
        if (schema.required?.includes(key) || key in known)
          out[key] = plausible(inner, key, known, depth + 1);
      }
      return out;
    }
    default:
      return 'fuzz';
  }
}

function plausibleString(schema: JsonSchema, name: string, known: Known): string {
  const hinted = known[name] ?? known[name.replace(/s$/, '')];
  if (schema.format === 'uuid') return hinted ?? rng.uuid();
  if (schema.format === 'date-time') return `${pastOrFuture(name)}T10:00:00Z`;
  if (schema.format === 'date') return pastOrFuture(name);
  if (schema.format === 'email' || /email/i.test(name)) return 'fuzz.target@example.org';
  if (/password/i.test(name)) return 'not the password at all 123';
  if (/phone/i.test(name)) return '+1 202 555 0147';
  if (schema.pattern) {
    const re = new RegExp(schema.pattern, 'u');
    const candidates = [hinted, pastOrFuture(name), ...PATTERN_CANDIDATES].filter((c): c is string => !!c);
    const found = candidates.find((c) => re.test(c));
    if (found) return found;
  }
  if (hinted) return hinted;
  const min = schema.minLength ?? 1;
  return 'Fuzz'.padEnd(Math.min(Math.max(min, 4), schema.maxLength ?? 200), 'z');
}

function kindOf(schema: JsonSchema): string {
  const branch = (schema.anyOf ?? schema.oneOf)?.find((b) => b.type !== 'null');
  if (branch) return kindOf(branch);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  return type ?? 'unknown';
}

function formatOf(schema: JsonSchema): string | undefined {
  const branch = (schema.anyOf ?? schema.oneOf)?.find((b) => b.type !== 'null');
  return branch ? formatOf(branch) : schema.format;
}

const HUGE = 'x'.repeat(100_001);
/** Just under the 1 MiB body limit. */
const HUGE_BODY = `{"x":"${'y'.repeat(1_000_000)}"}`;
const SQLISH = "' OR '1'='1'; DROP TABLE users; --";

/** Bad values for one JSON field: some always, the rest drawn by the seed. */
function badJsonValues(schema: JsonSchema, name: string): unknown[] {
  const kind = kindOf(schema);
  const format = formatOf(schema);
  const always: unknown[] = [];
  let others: unknown[];
  if (format === 'uuid' || /Id$|^id$/.test(name)) always.push('not-a-uuid', rng.uuid());
  if (format === 'date' || format === 'date-time' || /date|At$|From$|To$|since/i.test(name)) {
    always.push(
      '2025-02-30',
      '2025-02-30T10:00:00Z',
      '0000-01-01',
      '0000-06-01T00:00:00Z',
      '0001-01-01T00:30:00+01:00',
    );
  }
  switch (kind) {
    case 'string':
      always.push('a\u0000b', 'a\ud800b');
      others = [123, true, [], {}, HUGE, '', '   ', SQLISH, '\u202e\u200b', '1e309', null];
      break;
    case 'integer':
    case 'number':
      others = ['12', -1, 0, 1e308, 2 ** 53 + 1, 0.5, -2_147_483_649, null, true, []];
      break;
    case 'boolean':
      others = ['true', 1, null, {}];
      break;
    case 'array':
      others = ['x', {}, [null], [123], ['a\u0000b'], [{}], Array.from({ length: 1001 }, () => 'x'), null];
      break;
    case 'object':
      others = ['x', [], null, { unknown: 1 }, { a: { b: { c: { d: 'a\ud800' } } } }];
      break;
    default:
      others = [null, 'x', 1];
  }
  return [...always, ...rng.pick(others, PER_FIELD)];
}

/** Bad raw values for a query or path parameter (already URL-encoded, or deliberately not). */
function badUrlValues(schema: JsonSchema, name: string, inPath: boolean): string[] {
  const format = formatOf(schema);
  const always = ['%00', encodeURIComponent(SQLISH)];
  if (format === 'uuid' || /Id$|^id$|^patient$|^provider$|^service$|^room$|^actor$/.test(name))
    always.push('not-a-uuid', rng.uuid());
  if (format === 'date' || format === 'date-time' || /date|^from$|^to$|^day$/i.test(name))
    always.push('2025-02-30', '0000-01-01T00%3A00%3A00Z');
  const others = [
    '%ED%A0%80',
    '00000000-0000-0000-0000-000000000000',
    '-1',
    '1e309',
    '%F0%9F%92%A9',
    '__proto__',
    ...(inPath
      ? ['x'.repeat(300), '..%2F..%2Fetc%2Fpasswd', '%20']
      : ['x'.repeat(5000), '', 'NaN', 'true', '%5B%5D', '99999-12-31']),
  ];
  return [...always, ...rng.pick(others, PER_FIELD)];
}

type Case = {
  label: string;
  method: string;
  url: string;
  payload?: string | Buffer;
  contentType?: string;
};

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Files that claim to be images or documents and are not (the upload routes sniff the bytes). */
const FAKE_FILES: [string, Buffer, string][] = [
  [
    'truncated PNG',
    Buffer.concat([PNG_SIGNATURE, Buffer.from([0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0xff])]),
    'image/png',
  ],
  ['bare JPEG markers', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x02, 0xff, 0xd9]), 'image/jpeg'],
  ['PDF header only', Buffer.from('%PDF-1.7\n%%EOF'), 'application/pdf'],
  ['text called a PNG', Buffer.from('not a picture'), 'image/png'],
];

/** A JSON object's text with one more member written in front (as text, so that `__proto__` stays a key). */
function withKey(objectJson: string | undefined, member: string): string {
  const rest = (objectJson ?? '{}').slice(1);
  return rest === '}' ? `{${member}}` : `{${member},${rest}`;
}

function deepJson(levels: number): string {
  return `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
}

let t: TestApp;
let admin: TestUser;
let known: Known;
let doc: OpenApi;

/** Which entity a path's `{id}` names, by the path's first segments. */
function idFor(path: string): string | undefined {
  const rules: [RegExp, string][] = [
    [/^\/api\/users\//, 'targetUserId'],
    [/^\/api\/patients\//, 'patientId'],
    [/^\/api\/encounters\//, 'encounterId'],
    [/^\/api\/certificates\//, 'certificateId'],
    [/^\/api\/rooms\//, 'roomId'],
    [/^\/api\/services\//, 'serviceId'],
    [/^\/api\/providers\//, 'providerId'],
  ];
  const rule = rules.find(([re]) => re.test(path));
  return rule ? known[rule[1]] : undefined;
}

function pathValue(path: string, name: string): string {
  // Merging moves the other record into the one the rest of the walk writes to; signing uses its own note.
  if (path === '/api/patients/{id}/merge') return known.otherPatientId!;
  if (path === '/api/encounters/{id}/sign') return known.encounterToSignId!;
  if (name === 'id') return idFor(path) ?? rng.uuid();
  if (name === 'key') return path.startsWith('/api/roles') ? known.roleKey! : known.departmentKey!;
  if (name === 'department') return known.departmentKey!;
  if (name === 'tooth') return '16';
  if (name === 'code') return 'ABCD2345';
  return known[name] ?? rng.uuid();
}

function casesOf(path: string, method: string, op: Operation): Case[] {
  const params = op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const bodySchema = op.requestBody?.content['application/json']?.schema;
  const M = method.toUpperCase();

  const fill = (override?: { name: string; raw: string }) =>
    path.replace(/\{(\w+)\}/g, (_, name: string) =>
      override?.name === name ? override.raw : encodeURIComponent(pathValue(path, name)),
    );
  const requiredQuery = queryParams
    .filter((p) => p.required)
    .map((p) => [p.name, encodeURIComponent(String(plausible(p.schema, p.name, known)))] as const);
  const query = (entries: (readonly [string, string])[]) =>
    entries.length ? `?${entries.map(([k, v]) => `${k}=${v}`).join('&')}` : '';
  const baseUrl = `${fill()}${query(requiredQuery)}`;

  let baseBody: Record<string, unknown> | undefined;
  if (bodySchema) {
    baseBody = plausible(bodySchema, 'body', known) as Record<string, unknown>;
    // A partial update (no field required): give it its first field, so that it names something to change.
    if (Object.keys(baseBody).length === 0) {
      for (const [name, schema] of Object.entries(bodySchema.properties ?? {}).slice(0, 1))
        baseBody[name] = plausible(schema, name, known);
    }
  }
  const json = bodySchema ? 'application/json' : undefined;
  const basePayload = baseBody ? JSON.stringify(baseBody) : undefined;
  const cases: Case[] = [];
  const add = (label: string, c: Omit<Case, 'label' | 'method'>) => cases.push({ label, method: M, ...c });

  add('plausible', { url: baseUrl, payload: basePayload, contentType: json });

  for (const p of pathParams) {
    for (const raw of badUrlValues(p.schema, p.name, true)) {
      add(`path ${p.name}=${raw.slice(0, 40)}`, {
        url: `${fill({ name: p.name, raw })}${query(requiredQuery)}`,
        payload: basePayload,
        contentType: json,
      });
    }
  }

  for (const p of queryParams) {
    const others = requiredQuery.filter(([k]) => k !== p.name);
    for (const raw of badUrlValues(p.schema, p.name, false)) {
      add(`query ${p.name}=${raw.slice(0, 40)}`, {
        url: `${fill()}${query([...others, [p.name, raw]])}`,
        payload: basePayload,
        contentType: json,
      });
    }
    if (rng.next() < 0.5) {
      add(`query ${p.name} repeated`, {
        url: `${fill()}${query([...others, [p.name, 'a'], [p.name, 'b']])}`,
        payload: basePayload,
        contentType: json,
      });
    }
  }
  const polluting: [string, string][] = [
    ['__proto__[polluted]', '1'],
    ['constructor[prototype][x]', '1'],
    ['unknown', '1'],
  ];
  add('query __proto__', {
    url: `${fill()}${query([...requiredQuery, ...polluting])}`,
    payload: basePayload,
    contentType: json,
  });

  if (M === 'GET' || M === 'DELETE') return cases;

  // Bodies, raw: whatever the route expects (JSON, an upload, or nothing at all).
  const raw: [string, string | Buffer, string][] = [
    ['malformed JSON', '{"a":', 'application/json'],
    ['JSON array', '[]', 'application/json'],
    ['JSON null', 'null', 'application/json'],
    ['JSON string', '"x"', 'application/json'],
    ['empty object', '{}', 'application/json'],
    ['deeply nested', deepJson(5_000), 'application/json'],
    ['__proto__ key', withKey(basePayload, '"__proto__":{"isAdmin":true}'), 'application/json'],
    ['constructor.prototype', '{"constructor":{"prototype":{"isAdmin":true}}}', 'application/json'],
    ['lone surrogate key', '{"\\ud800":1}', 'application/json'],
    ['huge string', HUGE_BODY, 'application/json'],
    ['text/plain', basePayload ?? 'hello', 'text/plain'],
    ['form', 'a=1&b=2', 'application/x-www-form-urlencoded'],
    ['utf-16 JSON', '{"a":1}', 'application/json; charset=utf-16'],
  ];
  for (const [label, payload, contentType] of [...raw, ...FAKE_FILES])
    add(`body ${label}`, { url: baseUrl, payload, contentType });

  if (!bodySchema || !baseBody) return cases;
  for (const [name, schema] of Object.entries(bodySchema.properties ?? {})) {
    for (const value of badJsonValues(schema, name)) {
      const body = { ...baseBody, [name]: value };
      const shown =
        typeof value === 'string' ? JSON.stringify(value.slice(0, 30)) : JSON.stringify(value)?.slice(0, 30);
      add(`body ${name}=${shown}`, { url: baseUrl, payload: JSON.stringify(body), contentType: json });
    }
    // The field as an object carrying a prototype key, written as JSON text so the key stays a key.
    add(`body ${name}.__proto__`, {
      url: baseUrl,
      payload: JSON.stringify({ ...baseBody, [name]: 'PROTO' }).replace('"PROTO"', '{"__proto__":{"x":1}}'),
      contentType: json,
    });
  }
  return cases;
}

async function createWriteLog(): Promise<void> {
  const db = t.app.ctx.db;
  const tables = await queryRows<{ name: string }>(
    db,
    sql`select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  await db.execute(
    sql`create table fuzz_write_log (id bigserial primary key, tbl text not null, op text not null)`,
  );
  await db.execute(
    sql.raw(`create function fuzz_log_write() returns trigger language plpgsql as $$
      begin
        insert into fuzz_write_log (tbl, op) values (TG_TABLE_NAME, TG_OP);
        return null;
      end $$`),
  );
  for (const { name } of tables) {
    if (BOOKKEEPING.has(name)) continue;
    await db.execute(
      sql.raw(
        `create trigger fuzz_log_write after insert or update or delete on "${name}" for each row execute function fuzz_log_write()`,
      ),
    );
  }
}

/** Committed writes to application tables since the last call (rolled-back ones never show). */
let lastWrite = 0;
async function writesSinceLast(): Promise<string[]> {
  const rows = await queryRows<{ id: string | number; tbl: string; op: string }>(
    t.app.ctx.db,
    sql`select id, tbl, op from fuzz_write_log where id > ${lastWrite} order by id`,
  );
  const last = rows.at(-1);
  if (last) lastWrite = Number(last.id);
  return [...new Set(rows.map((r) => `${r.op} ${r.tbl}`))];
}

async function post(url: string, payload: unknown, cookie = admin.cookie): Promise<LightMyRequestResponse> {
  const res = await t.request({ method: 'POST', url, cookie, payload: payload as Record<string, unknown> });
  if (res.statusCode >= 300) throw new Error(`setup ${url}: ${res.statusCode} ${res.body}`);
  return res;
}

beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1_000_000 });
  admin = await t.userWithRoles(['admin']);
  const doctor = await t.userWithRoles(['doctor']);
  const target = await t.userWithRoles(['nurse']);
  const role = await post('/api/roles', {
    key: 'fuzz-role',
    name: 'Fuzz role',
    permissions: ['patients:read'],
  });
  const department = await post('/api/departments', { key: 'fuzz', name: 'Fuzz', ticketPrefix: 'FZ' });
  const room = await post('/api/rooms', { name: 'Fuzz room', departmentKey: 'fuzz' });
  const service = await post('/api/services', {
    name: 'Fuzz service',
    departmentKey: 'fuzz',
    durationMinutes: 20,
    providerIds: [doctor.id],
  });
  const patient = await post('/api/patients', {
    givenName: 'Fuzz',
    familyName: 'Patient',
    sex: 'female',
    birthDate: '1980-05-17',
    allergies: [{ substance: 'Penicillin', severity: 'severe' }],
    conditions: [{ name: 'Asthma' }],
  });
  const other = await post('/api/patients', {
    givenName: 'Other',
    familyName: 'Patient',
    sex: 'male',
    birthDate: '1975-01-02',
  });
  const patientId = patient.json().id as string;
  const encounter = await post(`/api/patients/${patientId}/encounters`, {
    type: 'consultation',
    providerId: doctor.id,
  });
  const toSign = await post(`/api/patients/${patientId}/encounters`, {
    type: 'consultation',
    providerId: doctor.id,
  });
  const certificate = await post(`/api/patients/${patientId}/certificates`, {
    type: 'fit_to_work',
    findings: 'Fuzz findings',
  });
  const chart = await t.request({ method: 'GET', url: `/api/patients/${patientId}`, cookie: admin.cookie });
  known = {
    targetUserId: target.id,
    userId: target.id,
    providerId: doctor.id,
    provider: doctor.id,
    patientId,
    patient: patientId,
    intoId: patientId,
    otherPatientId: other.json().id,
    encounterId: encounter.json().id,
    encounterToSignId: toSign.json().id,
    code: 'J06.9',
    startTime: '09:00',
    endTime: '17:00',
    certificateId: certificate.json().id,
    allergyId: chart.json().allergies?.[0]?.id,
    conditionId: chart.json().conditions?.[0]?.id,
    roleKey: role.json().key,
    role: role.json().key,
    departmentKey: department.json().key,
    department: department.json().key,
    roomId: room.json().id,
    room: room.json().id,
    serviceId: service.json().id,
    service: service.json().id,
  };
  doc = (await t.request({ method: 'GET', url: '/api/openapi.json' })).json() as OpenApi;
  await createWriteLog();
}, 120_000);
afterAll(async () => t?.close());

type Finding = { route: string; case: string; status: number; problem: string };

describe('fuzzing every route of the OpenAPI document', () => {
  it('sees committed writes in the write log, and not refused ones', async () => {
    await writesSinceLast();
    const ok = await t.request({
      method: 'PATCH',
      url: '/api/settings/system',
      cookie: admin.cookie,
      payload: { clinicName: 'Fuzz Clinic' },
    });
    expect(ok.statusCode).toBe(200);
    expect(await writesSinceLast()).toContain('INSERT system_settings');
    const refused = await t.request({
      method: 'POST',
      url: '/api/departments',
      cookie: admin.cookie,
      payload: { key: 'fuzz', name: 'Again', ticketPrefix: 'FZ' },
    });
    expect(refused.statusCode).toBe(400);
    expect(await writesSinceLast()).toEqual([]);
    await expect(
      t.app.ctx.db.transaction(async (tx) => {
        await tx.execute(sql`update departments set name = name`);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await writesSinceLast()).toEqual([]);
    await t.app.ctx.db.execute(sql`update departments set name = name`);
    expect(await writesSinceLast()).toEqual(['UPDATE departments']);
  });

  it('never answers 5xx, and a refused request writes nothing', { timeout: 300_000 }, async () => {
    const findings: Finding[] = [];
    let sent = 0;
    const started = Date.now();
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(operations)) {
        const route = `${method.toUpperCase()} ${path}`;
        if (SKIPPED.has(route)) continue;
        for (const c of casesOf(path, method, op)) {
          const where = `${c.label} → ${c.method} ${c.url.slice(0, 120)}`;
          let res: LightMyRequestResponse;
          try {
            res = await t.request({
              method: c.method as 'GET',
              url: c.url,
              cookie: admin.cookie,
              ...(c.payload !== undefined ? { payload: c.payload } : {}),
              headers: c.contentType ? { 'content-type': c.contentType } : {},
            });
          } catch (err) {
            findings.push({ route, case: where, status: 0, problem: `no response: ${String(err)}` });
            continue;
          }
          sent++;
          const found = (problem: string) =>
            findings.push({ route, case: where, status: res.statusCode, problem });
          if (res.statusCode >= 500) found(res.body.slice(0, 300));
          // Every API error is problem+json; /verify/… is a page for people, answered in HTML.
          const isApi = c.url.startsWith('/api/');
          if (
            isApi &&
            res.statusCode >= 400 &&
            !String(res.headers['content-type']).startsWith('application/problem+json')
          )
            found(`not problem+json: ${res.headers['content-type']} ${res.body.slice(0, 200)}`);
          const writes = await writesSinceLast();
          if (res.statusCode >= 400 && writes.length) found(`a refused request wrote: ${writes.join(', ')}`);
        }
      }
    }
    const seconds = (Date.now() - started) / 1000;
    console.log(`fuzz: ${sent} requests in ${seconds.toFixed(1)} s, seed ${SEED}`);
    const report = findings.map((f) => `${f.status} ${f.route} [${f.case}] ${f.problem}`).join('\n');
    expect(findings, `seed ${SEED}:\n${report}`).toEqual([]);
  });
});
