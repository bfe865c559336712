export interface Size {
  width: number;
  height: number;
}

/** The largest size with the image's aspect ratio that fits the viewport (never below 1 × 1). */
export function fitToViewport(image: Size, viewport: Size): Size {
  const scale = Math.min(viewport.width / image.width, viewport.height / image.height);
  return {
    width: Math.max(1, Math.min(viewport.width, Math.round(image.width * scale))),
    height: Math.max(1, Math.min(viewport.height, Math.round(image.height * scale))),
  };
}

/** For each output position, the source positions it reads and their weights (flattened, `offsets` indexing both). */
interface Taps {
  offsets: Int32Array;
  sources: Int32Array;
  weights: Float32Array;
}

/**
 * Area averaging when shrinking (each output pixel is the mean of the source area it covers, fractional edges
 * weighted by coverage), linear interpolation between pixel centres when growing.
 */
function taps(source: number, target: number): Taps {
  const scale = source / target;
  const offsets = new Int32Array(target + 1);
  const sources: number[] = [];
  const weights: number[] = [];
  for (let o = 0; o < target; o++) {
    offsets[o] = sources.length;
    if (scale > 1) {
      const low = o * scale;
      const high = low + scale;
      for (let s = Math.floor(low); s < Math.min(source, Math.ceil(high)); s++) {
        const covered = Math.min(high, s + 1) - Math.max(low, s);
        if (covered <= 0) continue;
        sources.push(s);
        weights.push(covered / scale);
      }
    } else {
      const centre = Math.min(source - 1, Math.max(0, (o + 0.5) * scale - 0.5));
      const s = Math.floor(centre);
      const fraction = centre - s;
      sources.push(s, Math.min(source - 1, s + 1));
      weights.push(1 - fraction, fraction);
    }
  }
  offsets[target] = sources.length;
  return { offsets, sources: Int32Array.from(sources), weights: Float32Array.from(weights) };
}

/** Resizes 8-bit pixels of `channels` interleaved channels: rows first, then columns. */
export function resample(pixels: Uint8Array, from: Size, to: Size, channels: number): Uint8Array {
  if (from.width === to.width && from.height === to.height) return pixels;
  const across = taps(from.width, to.width);
  const down = taps(from.height, to.height);
  const rowLength = to.width * channels;
  const horizontal = new Float32Array(from.height * rowLength);
  for (let y = 0; y < from.height; y++) {
    const inRow = y * from.width * channels;
    const outRow = y * rowLength;
    for (let x = 0; x < to.width; x++) {
      const end = across.offsets[x + 1]!;
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        for (let t = across.offsets[x]!; t < end; t++)
          sum += pixels[inRow + across.sources[t]! * channels + c]! * across.weights[t]!;
        horizontal[outRow + x * channels + c] = sum;
      }
    }
  }
  const out = new Uint8ClampedArray(to.height * rowLength);
  const row = new Float32Array(rowLength);
  for (let y = 0; y < to.height; y++) {
    row.fill(0);
    for (let t = down.offsets[y]!; t < down.offsets[y + 1]!; t++) {
      const inRow = down.sources[t]! * rowLength;
      const weight = down.weights[t]!;
      for (let i = 0; i < rowLength; i++) row[i] = row[i]! + horizontal[inRow + i]! * weight;
    }
    out.set(row, y * rowLength); // converts with rounding and clamping to 0…255
  }
  return new Uint8Array(out.buffer);
}
