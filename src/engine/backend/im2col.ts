/**
 * Plain-TypeScript im2col / col2im loops used by the WASM conv-gradient
 * kernels (see wasmConvGrads.ts). They operate on Float32Array views of the
 * WASM heap, so no data leaves WASM memory; the heavy multiply itself is done
 * by the backend's XNNPACK matmul.
 */

/** Geometry of one 2-D convolution (NHWC, dilation 1). */
export interface ConvGeometry {
  inHeight: number;
  inWidth: number;
  inChannels: number;
  outHeight: number;
  outWidth: number;
  outChannels: number;
  filterHeight: number;
  filterWidth: number;
  strideHeight: number;
  strideWidth: number;
  padTop: number;
  padLeft: number;
}

/**
 * Range [lo, hi) of output columns `o` whose input column `o*stride + k - pad`
 * falls inside [0, size). Everything outside the range reads zero padding.
 */
function validRange(k: number, pad: number, stride: number, size: number, outSize: number): [number, number] {
  const lo = Math.max(0, Math.ceil((pad - k) / stride));
  const hi = Math.min(outSize, Math.floor((size - 1 + pad - k) / stride) + 1);
  return [lo, Math.max(lo, hi)];
}

/**
 * Transposed im2col for the filter gradient.
 *
 * Writes `cols[r, m]` (row-major, shape [K, M]) with r = (kh, kw, ci) — the
 * same order as a tfjs filter [KH, KW, CI, CO] flattened to [K, CO] — and
 * m = (n, oh, ow) over `numImages` images starting at `firstImage`.
 *
 * The source is the input in *channels-first* layout xT[ci, n, h, w]
 * (produced by the backend's native Transpose). With that layout every
 * output row segment is a (strided) run of one input row, so for stride 1
 * the inner loop is a straight contiguous copy instead of a gather with a
 * stride of CI floats — that is what keeps this loop cache friendly.
 */
export function im2colTransposed(
  xT: Float32Array, batch: number, g: ConvGeometry,
  firstImage: number, numImages: number, cols: Float32Array,
): void {
  const { inHeight: H, inWidth: W, inChannels: CI, outHeight: OH, outWidth: OW } = g;
  const { filterHeight: KH, filterWidth: KW, strideHeight: SH, strideWidth: SW } = g;
  const M = numImages * OH * OW;
  for (let kh = 0; kh < KH; kh++) {
    for (let kw = 0; kw < KW; kw++) {
      const [owLo, owHi] = validRange(kw, g.padLeft, SW, W, OW);
      for (let ci = 0; ci < CI; ci++) {
        const row = ((kh * KW + kw) * CI + ci) * M;
        for (let b = 0; b < numImages; b++) {
          const imgBase = (ci * batch + firstImage + b) * H * W;
          for (let oh = 0; oh < OH; oh++) {
            const dst = row + (b * OH + oh) * OW;
            const ih = oh * SH + kh - g.padTop;
            if (ih < 0 || ih >= H) {
              cols.fill(0, dst, dst + OW);
              continue;
            }
            for (let ow = 0; ow < owLo; ow++) cols[dst + ow] = 0;
            for (let ow = owHi; ow < OW; ow++) cols[dst + ow] = 0;
            // src index of column owLo; advances by SW per output column.
            let src = imgBase + ih * W + owLo * SW + kw - g.padLeft;
            if (SW === 1) {
              cols.set(xT.subarray(src, src + owHi - owLo), dst + owLo);
            } else {
              for (let ow = owLo; ow < owHi; ow++, src += SW) cols[dst + ow] = xT[src];
            }
          }
        }
      }
    }
  }
}

/**
 * col2im with accumulation for the input gradient:
 *   dx[n, ih, iw, ci] += cols[m, (kh, kw, ci)]   for every tap that read it.
 *
 * `cols` is row-major [M, K] with m = (n, oh, ow) for `numImages` images
 * starting at `firstImage`; `dx` is the full NHWC input gradient, which the
 * caller must have zeroed. The innermost loop runs over CI, contiguous in
 * both arrays.
 */
export function col2imAdd(
  cols: Float32Array, g: ConvGeometry, firstImage: number, numImages: number, dx: Float32Array,
): void {
  const { inHeight: H, inWidth: W, inChannels: CI, outHeight: OH, outWidth: OW } = g;
  const { filterHeight: KH, filterWidth: KW, strideHeight: SH, strideWidth: SW } = g;
  const K = KH * KW * CI;
  let src = 0;
  for (let b = 0; b < numImages; b++) {
    const imgBase = (firstImage + b) * H * W;
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++, src += K) {
        for (let kh = 0; kh < KH; kh++) {
          const ih = oh * SH + kh - g.padTop;
          if (ih < 0 || ih >= H) continue;
          for (let kw = 0; kw < KW; kw++) {
            const iw = ow * SW + kw - g.padLeft;
            if (iw < 0 || iw >= W) continue;
            const d = ((imgBase + ih * W + iw) * CI) | 0;
            const s = (src + (kh * KW + kw) * CI) | 0;
            for (let ci = 0; ci < CI; ci++) dx[d + ci] += cols[s + ci];
          }
        }
      }
    }
  }
}

/**
 * Stride-1 filter-gradient layout ("shifted slabs").
 *
 * Writes images [firstImage, firstImage+numImages) of NHWC `x` zero-padded
 * and channels-first: out[ci, b, hp, wp] with hp in [0, OH+KH-1), wp in
 * [0, OW+KW-1). Every slot of `out` is written (padding = 0), including the
 * trailing slack the caller reserves past CI*L.
 *
 * With this layout (and dy padded the same way, see padRows) the im2col
 * matrix rows of one filter tap (kh, kw) for all ci are ONE contiguous block
 * of `out`, shifted by kh*Wp + kw — so im2col becomes KH*KW memmoves.
 */
export function padChannelsFirst(
  x: Float32Array, g: ConvGeometry, firstImage: number, numImages: number, out: Float32Array,
): void {
  const { inHeight: H, inWidth: W, inChannels: CI } = g;
  const Hp = g.outHeight + g.filterHeight - 1;
  const Wp = g.outWidth + g.filterWidth - 1;
  const L = numImages * Hp * Wp;
  out.fill(0);
  for (let b = 0; b < numImages; b++) {
    for (let h = 0; h < H; h++) {
      const hp = h + g.padTop;
      if (hp >= Hp) continue; // bound check only: stride 1 gives Hp = H + padTop + padBottom
      for (let w = 0; w < W; w++) {
        const wp = w + g.padLeft;
        if (wp >= Wp) continue;
        const src = (((firstImage + b) * H + h) * W + w) * CI;
        const dst = (b * Hp + hp) * Wp + wp;
        for (let ci = 0; ci < CI; ci++) out[ci * L + dst] = x[src + ci];
      }
    }
  }
}

/**
 * dy rows of images [firstImage, firstImage+numImages) re-laid on the padded
 * (OH+KH-1) x (OW+KW-1) grid used by padChannelsFirst, zeros elsewhere: the
 * zero rows/columns cancel the cross-row wrap-around of the shifted slabs.
 */
export function padRows(
  dy: Float32Array, g: ConvGeometry, firstImage: number, numImages: number, out: Float32Array,
): void {
  const { outHeight: OH, outWidth: OW, outChannels: CO } = g;
  const Hp = OH + g.filterHeight - 1;
  const Wp = OW + g.filterWidth - 1;
  out.fill(0);
  const row = OW * CO;
  for (let b = 0; b < numImages; b++) {
    for (let oh = 0; oh < OH; oh++) {
      const src = ((firstImage + b) * OH + oh) * row;
      out.set(dy.subarray(src, src + row), (b * Hp + oh) * Wp * CO);
    }
  }
}
