// Types for the Emscripten builds of @cornerstonejs/codec-* (the packages ship none) and for
// jpeg-lossless-decoder-js 2.0.7 (CommonJS, untyped); only what this module calls.

interface CodecFrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
  isSigned?: boolean;
}

interface CodecDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getFrameInfo(): CodecFrameInfo;
  getDecodedBuffer(): Uint8Array;
  delete(): void;
}

interface CodecModuleOptions {
  print?: (text: string) => void;
  printErr?: (text: string) => void;
  locateFile?: (path: string, prefix: string) => string;
}

declare module '@cornerstonejs/codec-libjpeg-turbo-8bit/wasmjs' {
  interface JpegEncoder {
    getDecodedBuffer(info: CodecFrameInfo): Uint8Array;
    setQuality(quality: number): void;
    setProgressive(progressive: boolean): void;
    encode(): void;
    getEncodedBuffer(): Uint8Array;
    delete(): void;
  }
  interface LibJpegTurbo {
    JPEGDecoder: new () => CodecDecoder;
    JPEGEncoder: new () => JpegEncoder;
  }
  const factory: (options?: CodecModuleOptions) => Promise<LibJpegTurbo>;
  export default factory;
}

declare module '@cornerstonejs/codec-charls/decodewasmjs' {
  interface JpegLsDecoder extends CodecDecoder {
    /** 0 none (colour-by-plane), 1 line, 2 sample. */
    getInterleaveMode(): number;
  }
  interface CharLs {
    JpegLSDecoder: new () => JpegLsDecoder;
    getExceptionMessage?: (pointer: number) => string[];
  }
  const factory: (options?: CodecModuleOptions) => Promise<CharLs>;
  export default factory;
}

declare module '@cornerstonejs/codec-openjpeg/decodewasmjs' {
  interface OpenJpeg {
    J2KDecoder: new () => CodecDecoder;
  }
  const factory: (options?: CodecModuleOptions) => Promise<OpenJpeg>;
  export default factory;
}

/** The full build, with the encoder: the tests make lossless JPEG 2000 frames with it. */
declare module '@cornerstonejs/codec-openjpeg/wasmjs' {
  interface J2kEncoder {
    getDecodedBuffer(info: CodecFrameInfo): Uint8Array;
    encode(): void;
    getEncodedBuffer(): Uint8Array;
    delete(): void;
  }
  interface OpenJpegWithEncoder {
    J2KEncoder: new () => J2kEncoder;
  }
  const factory: (options?: CodecModuleOptions) => Promise<OpenJpegWithEncoder>;
  export default factory;
}

declare module 'jpeg-lossless-decoder-js' {
  class Decoder {
    /** Where reading stopped; past the end of the data when the stream was cut short. */
    stream: { index: number };
    decode(
      buffer: ArrayBufferLike,
      offset: number,
      length: number,
      numBytes?: number,
    ): Uint8Array | Uint16Array;
  }
  const jpeg: { lossless: { Decoder: typeof Decoder } };
  export default jpeg;
}
