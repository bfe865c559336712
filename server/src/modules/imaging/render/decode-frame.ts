import { TransferSyntax } from '../transfer-syntax-uids.ts';
import {
  checkHeader,
  endsWithEndMarker,
  j2kCodestream,
  readJ2kHeader,
  readJpegHeader,
} from './codestream-headers.ts';
import {
  type DecodedSamples,
  decodeJpeg8,
  decodeJpeg2000,
  decodeJpegLossless,
  decodeJpegLs,
} from './jpeg-codecs.ts';
import { decodeExtendedJpeg } from './jpeg-extended-decoder.ts';
import {
  MalformedFrameError,
  type NativeFrame,
  nativeFrameLength,
  type PixelDescription,
  UnsupportedPixelFormatError,
  UnsupportedTransferSyntaxError,
} from './pixel-description.ts';
import { decodeRle } from './rle-decoder.ts';

export { TransferSyntax };

const supported: ReadonlySet<string> = new Set(Object.values(TransferSyntax));

export const isDecodableTransferSyntax = (uid: string): boolean => supported.has(uid);

/**
 * Turns one frame, in any supported transfer syntax, into the bytes it would have in an Explicit VR Little
 * Endian file, with the photometric interpretation and planar configuration those bytes now have. For native
 * little-endian syntaxes the result shares memory with `frame`.
 */
export async function decodeFrame(frame: Buffer, pixel: PixelDescription): Promise<NativeFrame> {
  const uid = pixel.transferSyntaxUid;
  if (!supported.has(uid)) throw new UnsupportedTransferSyntaxError(uid);
  const length = nativeFrameLength(pixel);
  const native = (pixelData: Buffer, photometric = pixel.photometricInterpretation, planar = false) => {
    if (pixelData.length < length)
      throw new MalformedFrameError(`Frame has ${pixelData.length} bytes, expected ${length}`);
    return {
      pixelData: pixelData.length > length ? pixelData.subarray(0, length) : pixelData,
      rows: pixel.rows,
      columns: pixel.columns,
      samplesPerPixel: pixel.samplesPerPixel,
      bitsAllocated: pixel.bitsAllocated,
      bitsStored: pixel.bitsStored,
      pixelRepresentation: pixel.pixelRepresentation,
      photometricInterpretation: photometric,
      planarConfiguration: planar ? 1 : 0,
    } satisfies NativeFrame;
  };
  const decoded = (samples: DecodedSamples, photometric = pixel.photometricInterpretation) =>
    native(toBitsAllocated(samples, pixel), photometric, samples.planar);

  switch (uid) {
    case TransferSyntax.ImplicitVRLittleEndian:
    case TransferSyntax.ExplicitVRLittleEndian:
    case TransferSyntax.EncapsulatedUncompressed:
    case TransferSyntax.DeflatedExplicitVRLittleEndian:
      return native(frame, pixel.photometricInterpretation, pixel.planarConfiguration === 1);
    case TransferSyntax.ExplicitVRBigEndian:
      return native(
        swapBytes(frame.subarray(0, length), pixel.bitsAllocated),
        undefined,
        pixel.planarConfiguration === 1,
      );
    case TransferSyntax.RleLossless:
      if (pixel.bitsAllocated === 1) throw new UnsupportedPixelFormatError('RLE with 1-bit samples');
      return native(decodeRle(frame, pixel));
    case TransferSyntax.JpegBaseline:
    case TransferSyntax.JpegExtended: {
      const header = readJpegHeader(frame);
      checkHeader(header, pixel);
      if (header.precision <= 8) {
        const samples = await decodeJpeg8(frame);
        return decoded(samples, samples.components === 3 ? 'RGB' : pixel.photometricInterpretation);
      }
      const samples = decodeExtendedJpeg(frame);
      const data = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
      return decoded({ data, bytesPerSample: 2, components: header.components, planar: false });
    }
    case TransferSyntax.JpegLossless:
    case TransferSyntax.JpegLosslessSV1: {
      const header = readJpegHeader(frame);
      checkHeader(header, pixel);
      if (header.marker !== 0xc3)
        throw new MalformedFrameError('JPEG lossless frame without a lossless header');
      return decoded(await decodeJpegLossless(frame, header.precision, header.components));
    }
    case TransferSyntax.JpegLsLossless:
    case TransferSyntax.JpegLsNearLossless: {
      const header = readJpegHeader(frame);
      checkHeader(header, pixel);
      if (header.marker !== 0xf7) throw new MalformedFrameError('JPEG-LS frame without a JPEG-LS header');
      // CharLS spends seconds reading past the end of a cut stream; one without its end marker is refused.
      if (!endsWithEndMarker(frame)) throw new MalformedFrameError('JPEG-LS frame cut short (no EOI marker)');
      return decoded(await decodeJpegLs(frame));
    }
    default: {
      const codestream = j2kCodestream(frame);
      checkHeader(readJ2kHeader(codestream), pixel);
      const samples = await decodeJpeg2000(codestream);
      const colour = /^YBR_(RCT|ICT)$/.test(pixel.photometricInterpretation);
      return decoded(samples, colour ? 'RGB' : pixel.photometricInterpretation);
    }
  }
}

/** Byte-swaps each 16- or 32-bit word (8-bit samples are a byte stream in every syntax). */
function swapBytes(data: Buffer, bitsAllocated: number): Buffer {
  if (bitsAllocated !== 16 && bitsAllocated !== 32) return data;
  const copy = Buffer.from(data);
  if (copy.length % (bitsAllocated / 8) !== 0)
    throw new MalformedFrameError('Frame length is not whole words');
  return bitsAllocated === 16 ? copy.swap16() : copy.swap32();
}

/** A codec's samples widened or narrowed to Bits Allocated (an 8-bit codestream in a 16-bit dataset, or the reverse). */
function toBitsAllocated(samples: DecodedSamples, pixel: PixelDescription): Buffer {
  const wanted = pixel.bitsAllocated / 8;
  const { data, bytesPerSample } = samples;
  if (samples.components !== pixel.samplesPerPixel)
    throw new MalformedFrameError(
      `Decoded ${samples.components} components, expected ${pixel.samplesPerPixel}`,
    );
  if (bytesPerSample === wanted) return data;
  const count = data.length / bytesPerSample;
  if (bytesPerSample === 1 && wanted === 2) {
    const out = Buffer.alloc(count * 2);
    for (let i = 0; i < count; i++)
      out.writeUInt16LE(
        pixel.pixelRepresentation === 1 && data[i]! > 127 ? data[i]! | 0xff00 : data[i]!,
        i * 2,
      );
    return out;
  }
  if (bytesPerSample === 2 && wanted === 1) {
    const out = Buffer.alloc(count);
    for (let i = 0; i < count; i++) out[i] = data[i * 2]!;
    return out;
  }
  throw new UnsupportedPixelFormatError(
    `${bytesPerSample * 8}-bit decoded samples for ${pixel.bitsAllocated} bits`,
  );
}
