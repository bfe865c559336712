import { isKey } from './blob-backend.ts';

/** Where a bucket is and how to reach it, as BLOB_STORE_URL says. */
export type S3Location = {
  bucket: string;
  /** Folder inside the bucket, without leading or trailing slashes; empty for the whole bucket. */
  prefix: string;
  endpoint?: string;
  region: string;
  forcePathStyle: boolean;
};

const URL_SHAPE = 's3://bucket/optional/prefix?endpoint=https://host:port&region=…&forcePathStyle=true|false';
const QUERY_KEYS = ['endpoint', 'region', 'forcePathStyle'];
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const REGION = /^[A-Za-z0-9_-]+$/;

export function parseBlobStoreUrl(url: string): S3Location {
  const fail = (why: string) => new Error(`BLOB_STORE_URL ${why}. It should look like ${URL_SHAPE}`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw fail('is not a URL');
  }
  if (parsed.protocol !== 's3:') throw fail(`must start with s3:// rather than ${parsed.protocol}//`);
  if (parsed.username || parsed.password)
    throw fail('must not hold credentials; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY instead');
  if (parsed.port || parsed.hash) throw fail('has a port or a #fragment where the bucket name should be');
  const bucket = parsed.hostname;
  if (!bucket) throw fail('names no bucket');
  if (!BUCKET.test(bucket))
    throw fail(`names the bucket "${bucket}", which is not a valid bucket name (3-63 of a-z, 0-9, ".", "-")`);
  const prefix = parsed.pathname.replace(/^\/+|\/+$/g, '');
  if (prefix && !isKey(prefix))
    throw fail(`has the prefix "${prefix}"; use folders of letters, digits, ".", "_" and "-"`);

  const query = parsed.searchParams;
  for (const name of new Set(query.keys())) {
    if (!QUERY_KEYS.includes(name))
      throw fail(`has the unknown setting "${name}" (known: ${QUERY_KEYS.join(', ')})`);
    if (query.getAll(name).length > 1) throw fail(`gives "${name}" more than once`);
  }
  const endpoint = query.get('endpoint') ?? undefined;
  if (endpoint !== undefined && !isHttpUrl(endpoint))
    throw fail(`has endpoint=${endpoint}, which is not an http:// or https:// URL`);
  const region = query.get('region') ?? 'us-east-1';
  if (!REGION.test(region)) throw fail(`has region=${region}, which is not a region name`);
  const pathStyle = query.get('forcePathStyle');
  if (pathStyle !== null && pathStyle !== 'true' && pathStyle !== 'false')
    throw fail(`has forcePathStyle=${pathStyle}; use true or false`);
  return {
    bucket,
    prefix,
    ...(endpoint !== undefined && { endpoint: endpoint.replace(/\/+$/, '') }),
    region,
    forcePathStyle: pathStyle === null ? endpoint !== undefined : pathStyle === 'true',
  };
}

function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password && !u.search;
  } catch {
    return false;
  }
}
