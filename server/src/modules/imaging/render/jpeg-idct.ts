/** The 8×8 inverse DCT of ITU T.81 A.3.3, in floating point (within ±1 of IJG's integer one). */

// Natural (row-major) position of the k-th coefficient in zig-zag order.
export const ZIGZAG = Uint8Array.from([
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7,
  14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46,
  53, 60, 61, 54, 47, 55, 62, 63,
]);

// IDCT basis: BASIS[x * 8 + u] = C(u) / 2 · cos((2x + 1) uπ / 16).
const BASIS = Float64Array.from({ length: 64 }, (_, i) => {
  const x = i >> 3;
  const u = i & 7;
  return ((u === 0 ? Math.SQRT1_2 : 1) / 2) * Math.cos(((2 * x + 1) * u * Math.PI) / 16);
});

export const clamp = (value: number, max: number) => (value < 0 ? 0 : value > max ? max : value);

/** A block with only its DC coefficient is flat: DC / 8, level-shifted. */
export function fillBlock(plane: Uint16Array, offset: number, stride: number, value: number): void {
  for (let y = 0; y < 8; y++) plane.fill(value, offset + y * stride, offset + y * stride + 8);
}

/** Separable 8×8 inverse DCT, level-shifted and clamped into the plane. */
export function inverseDct(
  f: Float64Array,
  work: Float64Array,
  plane: Uint16Array,
  offset: number,
  stride: number,
  shift: number,
  max: number,
): void {
  for (let u = 0; u < 8; u++) {
    let empty = true;
    for (let v = 0; v < 8 && empty; v++) empty = f[v * 8 + u] === 0;
    for (let y = 0; y < 8; y++) {
      let sum = 0;
      if (!empty) for (let v = 0; v < 8; v++) sum += BASIS[y * 8 + v]! * f[v * 8 + u]!;
      work[y * 8 + u] = sum;
    }
  }
  for (let y = 0; y < 8; y++)
    for (let x = 0; x < 8; x++) {
      let sum = shift;
      for (let u = 0; u < 8; u++) sum += BASIS[x * 8 + u]! * work[y * 8 + u]!;
      plane[offset + y * stride + x] = clamp(Math.round(sum), max);
    }
}
