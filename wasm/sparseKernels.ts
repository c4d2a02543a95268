// AssemblyScript source of the sparse training kernels (built by `npm run build:wasm`
// into src/engine/sparse/kernels.gen.ts). Compiled with 128-bit SIMD.
//
// Layout: a layer's kernel W [K, N] (y = x·W) is stored column-compressed
// (CSC): for output column j, entries colPtr[j] .. colPtr[j+1]-1 hold the row
// (input) index rowIdx[p] and the value vals[p]. Activations are kept
// transposed and batch-padded ("xT" [K, Bp], Bp a multiple of 4), so every
// surviving weight is one SIMD axpy or dot over the batch: contiguous, aligned
// loads instead of the scattered gathers a batch-major layout would need.
// All pointers are byte offsets into this module's memory; the host owns
// allocation through alloc/release.

export function alloc(bytes: usize): usize {
  return heap.alloc(bytes);
}

export function release(ptr: usize): void {
  heap.free(ptr);
}

/**
 * dst[c*ldd + r] = src[r*lds + c] for r < R, c < C; dst[c*ldd + r] = 0 for R <= r < ldd.
 * 4x4 blocks go through registers (two rounds of shuffles); ragged edges are scalar.
 */
export function transpose(src: usize, lds: i32, dst: usize, ldd: i32, R: i32, C: i32): void {
  const sRow = <usize>lds << 2;
  const dRow = <usize>ldd << 2;
  const R4 = R & ~3;
  const C4 = C & ~3;
  for (let r = 0; r < R4; r += 4) {
    const s = src + <usize>r * sRow;
    for (let c = 0; c < C4; c += 4) {
      const p = s + (<usize>c << 2);
      const a0 = v128.load(p);
      const a1 = v128.load(p + sRow);
      const a2 = v128.load(p + 2 * sRow);
      const a3 = v128.load(p + 3 * sRow);
      const t0 = v128.shuffle<f32>(a0, a1, 0, 4, 1, 5);
      const t1 = v128.shuffle<f32>(a0, a1, 2, 6, 3, 7);
      const t2 = v128.shuffle<f32>(a2, a3, 0, 4, 1, 5);
      const t3 = v128.shuffle<f32>(a2, a3, 2, 6, 3, 7);
      const d = dst + <usize>c * dRow + (<usize>r << 2);
      v128.store(d, v128.shuffle<f32>(t0, t2, 0, 1, 4, 5));
      v128.store(d + dRow, v128.shuffle<f32>(t0, t2, 2, 3, 6, 7));
      v128.store(d + 2 * dRow, v128.shuffle<f32>(t1, t3, 0, 1, 4, 5));
      v128.store(d + 3 * dRow, v128.shuffle<f32>(t1, t3, 2, 3, 6, 7));
    }
    for (let c = C4; c < C; c++) {
      for (let k = 0; k < 4; k++) {
        store<f32>(dst + <usize>c * dRow + (<usize>(r + k) << 2), load<f32>(src + <usize>(r + k) * sRow + (<usize>c << 2)));
      }
    }
  }
  for (let r = R4; r < R; r++) {
    for (let c = 0; c < C; c++) {
      store<f32>(dst + <usize>c * dRow + (<usize>r << 2), load<f32>(src + <usize>r * sRow + (<usize>c << 2)));
    }
  }
  if (ldd > R) {
    for (let c = 0; c < C; c++) memory.fill(dst + <usize>c * dRow + (<usize>R << 2), 0, <usize>(ldd - R) << 2);
  }
}

/** yT[j, :] = Σ_p vals[p] · xT[rowIdx[p], :] over column j's entries (forward, y = x·W). */
export function spmmForward(xT: usize, colPtr: usize, rowIdx: usize, vals: usize, yT: usize, N: i32, Bp: i32): void {
  const row = <usize>Bp << 2;
  const B16 = Bp & ~15;
  for (let j = 0; j < N; j++) {
    const p0 = load<i32>(colPtr + (<usize>j << 2));
    const p1 = load<i32>(colPtr + (<usize>(j + 1) << 2));
    const out = yT + <usize>j * row;
    for (let c = 0; c < B16; c += 16) {
      let a0 = f32x4.splat(0);
      let a1 = f32x4.splat(0);
      let a2 = f32x4.splat(0);
      let a3 = f32x4.splat(0);
      const off = <usize>c << 2;
      for (let p = p0; p < p1; p++) {
        const w = f32x4.splat(load<f32>(vals + (<usize>p << 2)));
        const s = xT + <usize>load<i32>(rowIdx + (<usize>p << 2)) * row + off;
        a0 = f32x4.add(a0, f32x4.mul(w, v128.load(s)));
        a1 = f32x4.add(a1, f32x4.mul(w, v128.load(s, 16)));
        a2 = f32x4.add(a2, f32x4.mul(w, v128.load(s, 32)));
        a3 = f32x4.add(a3, f32x4.mul(w, v128.load(s, 48)));
      }
      v128.store(out + off, a0);
      v128.store(out + off, a1, 16);
      v128.store(out + off, a2, 32);
      v128.store(out + off, a3, 48);
    }
    for (let c = B16; c < Bp; c += 4) {
      let a0 = f32x4.splat(0);
      const off = <usize>c << 2;
      for (let p = p0; p < p1; p++) {
        const w = f32x4.splat(load<f32>(vals + (<usize>p << 2)));
        a0 = f32x4.add(a0, f32x4.mul(w, v128.load(xT + <usize>load<i32>(rowIdx + (<usize>p << 2)) * row + off)));
      }
      v128.store(out + off, a0);
    }
  }
}

/** dxT[i, :] = Σ_j W[i, j] · dyT[j, :] (input gradient, dx = dy·Wᵀ), scattering from each column. */
export function spmmBackwardInput(dyT: usize, colPtr: usize, rowIdx: usize, vals: usize, dxT: usize, K: i32, N: i32, Bp: i32): void {
  const row = <usize>Bp << 2;
  memory.fill(dxT, 0, <usize>K * row);
  const B16 = Bp & ~15;
  for (let j = 0; j < N; j++) {
    const p0 = load<i32>(colPtr + (<usize>j << 2));
    const p1 = load<i32>(colPtr + (<usize>(j + 1) << 2));
    const g = dyT + <usize>j * row;
    for (let c = 0; c < B16; c += 16) {
      const off = <usize>c << 2;
      const g0 = v128.load(g + off);
      const g1 = v128.load(g + off, 16);
      const g2 = v128.load(g + off, 32);
      const g3 = v128.load(g + off, 48);
      for (let p = p0; p < p1; p++) {
        const w = f32x4.splat(load<f32>(vals + (<usize>p << 2)));
        const d = dxT + <usize>load<i32>(rowIdx + (<usize>p << 2)) * row + off;
        v128.store(d, f32x4.add(v128.load(d), f32x4.mul(w, g0)));
        v128.store(d, f32x4.add(v128.load(d, 16), f32x4.mul(w, g1)), 16);
        v128.store(d, f32x4.add(v128.load(d, 32), f32x4.mul(w, g2)), 32);
        v128.store(d, f32x4.add(v128.load(d, 48), f32x4.mul(w, g3)), 48);
      }
    }
    for (let c = B16; c < Bp; c += 4) {
      const off = <usize>c << 2;
      const g0 = v128.load(g + off);
      for (let p = p0; p < p1; p++) {
        const w = f32x4.splat(load<f32>(vals + (<usize>p << 2)));
        const d = dxT + <usize>load<i32>(rowIdx + (<usize>p << 2)) * row + off;
        v128.store(d, f32x4.add(v128.load(d), f32x4.mul(w, g0)));
      }
    }
  }
}

/**
 * grad[p] = xT[rowIdx[p], :] · dyT[j, :] for every surviving (rowIdx[p], j): dW sampled at the mask.
 *
 * Each dot is summed over the batch in order, one product after another, as
 * the dense weight gradient (XNNPACK's GEMM for xᵀ·dy) sums it: the two routes
 * then give bit-identical gradients, and a run's result does not depend on the
 * route (split partial sums here cost up to 0.8 pp of test accuracy between
 * two otherwise identical IMP runs, through rounding differences amplified by
 * training). The SIMD lanes therefore hold four entries of a column, not four
 * batch elements: a 4×4 register transpose turns four rows of xT into one
 * vector per batch element.
 */
export function sddmm(xT: usize, dyT: usize, colPtr: usize, rowIdx: usize, grad: usize, N: i32, Bp: i32): void {
  const row = <usize>Bp << 2;
  for (let j = 0; j < N; j++) {
    const p0 = load<i32>(colPtr + (<usize>j << 2));
    const p1 = load<i32>(colPtr + (<usize>(j + 1) << 2));
    const g = dyT + <usize>j * row;
    let p = p0;
    for (; p + 4 <= p1; p += 4) {
      const r = rowIdx + (<usize>p << 2);
      const x0 = xT + <usize>load<i32>(r) * row;
      const x1 = xT + <usize>load<i32>(r, 4) * row;
      const x2 = xT + <usize>load<i32>(r, 8) * row;
      const x3 = xT + <usize>load<i32>(r, 12) * row;
      let acc = f32x4.splat(0);
      // Bp is a multiple of 4 and the padding is zero in both operands (adds +0: no change).
      for (let c = 0; c < Bp; c += 4) {
        const off = <usize>c << 2;
        const a0 = v128.load(x0 + off);
        const a1 = v128.load(x1 + off);
        const a2 = v128.load(x2 + off);
        const a3 = v128.load(x3 + off);
        const t0 = v128.shuffle<f32>(a0, a1, 0, 4, 1, 5);
        const t1 = v128.shuffle<f32>(a0, a1, 2, 6, 3, 7);
        const t2 = v128.shuffle<f32>(a2, a3, 0, 4, 1, 5);
        const t3 = v128.shuffle<f32>(a2, a3, 2, 6, 3, 7);
        const d = g + off;
        acc = f32x4.add(acc, f32x4.mul(v128.shuffle<f32>(t0, t2, 0, 1, 4, 5), f32x4.splat(load<f32>(d))));
        acc = f32x4.add(acc, f32x4.mul(v128.shuffle<f32>(t0, t2, 2, 3, 6, 7), f32x4.splat(load<f32>(d, 4))));
        acc = f32x4.add(acc, f32x4.mul(v128.shuffle<f32>(t1, t3, 0, 1, 4, 5), f32x4.splat(load<f32>(d, 8))));
        acc = f32x4.add(acc, f32x4.mul(v128.shuffle<f32>(t1, t3, 2, 3, 6, 7), f32x4.splat(load<f32>(d, 12))));
      }
      v128.store(grad + (<usize>p << 2), acc);
    }
    for (; p < p1; p++) {
      const x = xT + <usize>load<i32>(rowIdx + (<usize>p << 2)) * row;
      let a: f32 = 0;
      for (let c = 0; c < Bp; c++) a = a + load<f32>(x + (<usize>c << 2)) * load<f32>(g + (<usize>c << 2));
      store<f32>(grad + (<usize>p << 2), a);
    }
  }
}

// Optimizer updates over the n surviving weights of a layer, in the same
// float32 operation order as the masked-dense MaskedOptimizer
// (src/engine/train/optimizers.ts), so both paths agree to rounding.

/** g ← g + wd·w when weight decay is on (in place on the gradient buffer). */
function decay(w: usize, g: usize, n: i32, wd: f32): void {
  if (wd == 0) return;
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(g + o, load<f32>(g + o) + load<f32>(w + o) * wd);
  }
}

export function sgdUpdate(w: usize, g: usize, n: i32, lr: f32, wd: f32): void {
  decay(w, g, n, wd);
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(w + o, load<f32>(w + o) - load<f32>(g + o) * lr);
  }
}

export function momentumUpdate(w: usize, g: usize, buf: usize, n: i32, lr: f32, mom: f32, nesterov: bool, wd: f32): void {
  decay(w, g, n, wd);
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 2;
    const gi = load<f32>(g + o);
    const b = load<f32>(buf + o) * mom + gi;
    store<f32>(buf + o, b);
    const u = nesterov ? gi + b * mom : b;
    store<f32>(w + o, load<f32>(w + o) - u * lr);
  }
}

export function adamUpdate(w: usize, g: usize, m: usize, v: usize, n: i32,
  b1: f32, c1: f32, b2: f32, c2: f32, sqrtBc2: f32, eps: f32, stepSize: f32, wd: f32): void {
  decay(w, g, n, wd);
  const vb1 = f32x4.splat(b1);
  const vc1 = f32x4.splat(c1);
  const vb2 = f32x4.splat(b2);
  const vc2 = f32x4.splat(c2);
  const vbc = f32x4.splat(sqrtBc2);
  const veps = f32x4.splat(eps);
  const vstep = f32x4.splat(stepSize);
  const n4 = n & ~3;
  for (let i = 0; i < n4; i += 4) {
    const o = <usize>i << 2;
    const gi = v128.load(g + o);
    const mi = f32x4.add(f32x4.mul(v128.load(m + o), vb1), f32x4.mul(gi, vc1));
    const vi = f32x4.add(f32x4.mul(v128.load(v + o), vb2), f32x4.mul(f32x4.mul(gi, gi), vc2));
    v128.store(m + o, mi);
    v128.store(v + o, vi);
    const denom = f32x4.add(f32x4.div(f32x4.sqrt(vi), vbc), veps);
    v128.store(w + o, f32x4.sub(v128.load(w + o), f32x4.mul(f32x4.div(mi, denom), vstep)));
  }
  for (let i = n4; i < n; i++) {
    const o = <usize>i << 2;
    const gi = load<f32>(g + o);
    const mi = load<f32>(m + o) * b1 + gi * c1;
    const vi = load<f32>(v + o) * b2 + (gi * gi) * c2;
    store<f32>(m + o, mi);
    store<f32>(v + o, vi);
    const denom = Mathf.sqrt(vi) / sqrtBc2 + eps;
    store<f32>(w + o, load<f32>(w + o) - (mi / denom) * stepSize);
  }
}
