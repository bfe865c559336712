import { describe, expect, it } from 'vitest';
import { parseBlobStoreUrl } from './s3-location.ts';

describe('parseBlobStoreUrl', () => {
  it('reads bucket, prefix and settings', () => {
    expect(
      parseBlobStoreUrl(
        's3://clinic-files/carebase/main/?endpoint=http://127.0.0.1:9000&region=eu-west-1&forcePathStyle=true',
      ),
    ).toEqual({
      bucket: 'clinic-files',
      prefix: 'carebase/main',
      endpoint: 'http://127.0.0.1:9000',
      region: 'eu-west-1',
      forcePathStyle: true,
    });
  });

  it('defaults to us-east-1, no prefix, and virtual-hosted style on AWS', () => {
    expect(parseBlobStoreUrl('s3://clinic-files')).toEqual({
      bucket: 'clinic-files',
      prefix: '',
      region: 'us-east-1',
      forcePathStyle: false,
    });
  });

  it('uses path style with an endpoint unless told otherwise', () => {
    expect(parseBlobStoreUrl('s3://b.files/p?endpoint=https://s3.example.org/').forcePathStyle).toBe(true);
    expect(parseBlobStoreUrl('s3://b.files/p?endpoint=https://s3.example.org/').endpoint).toBe(
      'https://s3.example.org',
    );
    expect(
      parseBlobStoreUrl('s3://b.files?endpoint=https://s3.example.org&forcePathStyle=false').forcePathStyle,
    ).toBe(false);
  });

  it.each([
    ['file:///var/carebase', /must start with s3:\/\//],
    ['clinic-files', /is not a URL/],
    ['s3:///prefix', /names no bucket/],
    ['s3://Clinic_Files', /not a valid bucket name/],
    ['s3://key:secret@clinic-files', /must not hold credentials/],
    ['s3://clinic-files/my files', /prefix/],
    ['s3://clinic-files/a//b', /prefix/],
    ['s3://clinic-files?endpoint=localhost:9000', /endpoint=localhost:9000/],
    ['s3://clinic-files?endpoint=ftp://host', /not an http/],
    ['s3://clinic-files?bucket=other', /unknown setting "bucket"/],
    ['s3://clinic-files?region=eu-west-1&region=us-east-1', /more than once/],
    ['s3://clinic-files?region=', /region/],
    ['s3://clinic-files?forcePathStyle=yes', /forcePathStyle=yes/],
  ])('refuses %s with a sentence naming BLOB_STORE_URL', (url, why) => {
    expect(() => parseBlobStoreUrl(url)).toThrow(/^BLOB_STORE_URL /);
    expect(() => parseBlobStoreUrl(url)).toThrow(why);
  });
});
