/// <reference path="./wasm-codec-modules.d.ts" />
import { createRequire } from 'node:module';
import { MalformedFrameError, PixelDataError } from './pixel-description.ts';

/** Samples as a codec returned them (native-endian, which is little-endian on every platform Node runs on). */
export interface DecodedSamples {
  data: Buffer;
  bytesPerSample: number;
  components: number;
  /** True when the samples come colour-by-plane. */
  planar: boolean;
}

const require = createRequire(import.meta.url);

/** The WebAssembly file is located through node_modules, so it is found from a bundle too. */
const moduleOptions = (wasm: string): CodecModuleOptions => ({
  print: () => {},
  printErr: () => {},
  locateFile: () => require.resolve(wasm),
});

/** Loads a codec on first use, once; a failed load is retried on the next call. */
function lazily<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}

const libJpegTurbo = lazily(async () => {
  const { default: factory } = await import('@cornerstonejs/codec-libjpeg-turbo-8bit/wasmjs');
  return factory(moduleOptions('@cornerstonejs/codec-libjpeg-turbo-8bit/wasm'));
});
const charLs = lazily(async () => {
  const { default: factory } = await import('@cornerstonejs/codec-charls/decodewasmjs');
  return factory(moduleOptions('@cornerstonejs/codec-charls/decodewasm'));
});
const openJpeg = lazily(async () => {
  const { default: factory } = await import('@cornerstonejs/codec-openjpeg/decodewasmjs');
  return factory(moduleOptions('@cornerstonejs/codec-openjpeg/decodewasm'));
});

/** Runs a WebAssembly decoder on one frame; its exceptions (bare numbers from C++) become MalformedFrameError. */
function runDecoder<D extends CodecDecoder>(
  decoder: D,
  frame: Uint8Array,
  codec: string,
  planar: (decoder: D) => boolean = () => false,
): DecodedSamples {
  try {
    decoder.getEncodedBuffer(frame.length).set(frame);
    decoder.decode();
    const info = decoder.getFrameInfo();
    if (info.width === 0 || info.height === 0)
      throw new MalformedFrameError(`${codec} could not read the frame`);
    return {
      data: Buffer.from(decoder.getDecodedBuffer()),
      bytesPerSample: info.bitsPerSample > 8 ? 2 : 1,
      components: info.componentCount,
      planar: info.componentCount > 1 && planar(decoder),
    };
  } catch (error) {
    if (error instanceof PixelDataError) throw error;
    const detail = error instanceof Error ? `: ${error.message}` : '';
    throw new MalformedFrameError(`${codec} could not decode the frame${detail}`);
  } finally {
    decoder.delete();
  }
}

/** 8-bit JPEG (baseline, or extended at 8 bits); YCbCr comes out as RGB, interleaved. */
export async function decodeJpeg8(frame: Uint8Array): Promise<DecodedSamples> {
  const codec = await libJpegTurbo();
  return runDecoder(new codec.JPEGDecoder(), frame, 'libjpeg-turbo');
}

export async function decodeJpegLs(frame: Uint8Array): Promise<DecodedSamples> {
  const codec = await charLs();
  return runDecoder(
    new codec.JpegLSDecoder(),
    frame,
    'CharLS',
    (decoder) => decoder.getInterleaveMode() === 0,
  );
}

/** JPEG 2000: a reversible or irreversible colour transform is undone, so colour comes out RGB, interleaved. */
export async function decodeJpeg2000(codestream: Uint8Array): Promise<DecodedSamples> {
  const codec = await openJpeg();
  return runDecoder(new codec.J2KDecoder(), codestream, 'OpenJPEG');
}

/** JPEG lossless (processes 14, any predictor), in plain JavaScript. */
export async function decodeJpegLossless(frame: Uint8Array, precision: number, components: number) {
  const { default: jpeg } = await import('jpeg-lossless-decoder-js');
  try {
    const decoder = new jpeg.lossless.Decoder();
    const samples = decoder.decode(frame.buffer, frame.byteOffset, frame.byteLength);
    if (decoder.stream.index > frame.byteLength)
      throw new MalformedFrameError('JPEG lossless frame cut short');
    const data = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
    return {
      data,
      bytesPerSample: precision > 8 ? 2 : 1,
      components,
      planar: false,
    } satisfies DecodedSamples;
  } catch (error) {
    if (error instanceof PixelDataError) throw error;
    throw new MalformedFrameError(`JPEG lossless decoder: ${error instanceof Error ? error.message : error}`);
  }
}

/** Encodes 8-bit grey or interleaved RGB pixels as a baseline JPEG. */
export async function encodeJpeg(
  pixels: Uint8Array,
  width: number,
  height: number,
  components: number,
  quality: number,
): Promise<Buffer> {
  const codec = await libJpegTurbo();
  const encoder = new codec.JPEGEncoder();
  try {
    const info = { width, height, bitsPerSample: 8, componentCount: components, isSigned: false };
    encoder.getDecodedBuffer(info).set(pixels);
    encoder.setProgressive(false);
    encoder.setQuality(quality);
    encoder.encode();
    return Buffer.from(encoder.getEncodedBuffer());
  } finally {
    encoder.delete();
  }
}
