import { describe, expect, it } from 'vitest';
import {
  previewImagesOf,
  renderedUrl,
  seriesInstancesUrl,
  seriesThumbnailUrl,
  startIndexOf,
  stepOfKey,
  studyThumbnailUrl,
} from './dicomweb.ts';

const instance = (uid: string, number?: number, frames?: number) => ({
  '00080018': { vr: 'UI', Value: [uid] },
  ...(number === undefined ? {} : { '00200013': { vr: 'IS', Value: [number] } }),
  ...(frames === undefined ? {} : { '00280008': { vr: 'IS', Value: [String(frames)] } }),
});

describe('DICOMweb addresses', () => {
  it('builds the thumbnail, rendered and search addresses under /dicom-web', () => {
    expect(seriesThumbnailUrl('1.2', '1.2.3')).toBe(
      '/dicom-web/studies/1.2/series/1.2.3/thumbnail?viewport=128,128',
    );
    expect(studyThumbnailUrl('1.2', 96)).toBe('/dicom-web/studies/1.2/thumbnail?viewport=96,96');
    expect(renderedUrl('1', '2', '3', null)).toBe(
      '/dicom-web/studies/1/series/2/instances/3/rendered?viewport=512,512',
    );
    expect(renderedUrl('1', '2', '3', 7, 256)).toBe(
      '/dicom-web/studies/1/series/2/instances/3/frames/7/rendered?viewport=256,256',
    );
    expect(seriesInstancesUrl('1', '2')).toBe('/dicom-web/studies/1/series/2/instances?limit=1000');
  });
});

describe('previewImagesOf', () => {
  it('orders instances by number, unnumbered last, and spreads multi-frame instances into frames', () => {
    const images = previewImagesOf([
      instance('c'),
      instance('b', 2),
      instance('a', 1, 3),
      { nonsense: true },
      'not an object',
      instance('', 5),
    ]);
    expect(images).toEqual([
      { instanceUid: 'a', frame: 1 },
      { instanceUid: 'a', frame: 2 },
      { instanceUid: 'a', frame: 3 },
      { instanceUid: 'b', frame: null },
      { instanceUid: 'c', frame: null },
    ]);
  });

  it('starts on the middle frame of the preview instance, else the middle picture', () => {
    const images = previewImagesOf([instance('a', 1), instance('b', 2, 5), instance('c', 3)]);
    expect(startIndexOf(images, 'b')).toBe(3);
    expect(startIndexOf(images, 'c')).toBe(6);
    expect(startIndexOf(images, 'missing')).toBe(3);
    expect(startIndexOf(images, null)).toBe(3);
    expect(startIndexOf([], 'a')).toBe(0);
  });
});

describe('stepOfKey', () => {
  it('moves one image with the arrows, ten with the page keys, to the ends with Home and End', () => {
    expect(stepOfKey('ArrowRight', 20, 5)).toBe(6);
    expect(stepOfKey('ArrowDown', 20, 19)).toBe(19);
    expect(stepOfKey('ArrowLeft', 20, 0)).toBe(0);
    expect(stepOfKey('ArrowUp', 20, 5)).toBe(4);
    expect(stepOfKey('PageDown', 20, 15)).toBe(19);
    expect(stepOfKey('PageUp', 20, 15)).toBe(5);
    expect(stepOfKey('Home', 20, 15)).toBe(0);
    expect(stepOfKey('End', 20, 3)).toBe(19);
    expect(stepOfKey('Enter', 20, 3)).toBeNull();
  });
});
