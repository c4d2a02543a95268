"""PyTorch CPU peer for `npm run bench`: the same LeNet-300-100 masked Adam step.

Mirrors the lab's step (src/engine/train/sparseNet.ts + optimizers.ts) so the
ratio compares implementations, not algorithms: forward with W*M, gradients
masked (autograd through W*M does that), torch.optim.Adam, then weights and
both Adam moments multiplied by M after the step. Prints one JSON object.
Run with Debian's interpreter: /usr/bin/python3 scripts/bench_torch.py
"""
import argparse
import json
import os
import platform
import time

import torch
import torch.nn.functional as F

DIMS = [784, 300, 100, 10]


def make_net(density, masked, gen):
    layers = []
    for fan_in, fan_out in zip(DIMS[:-1], DIMS[1:]):
        std = (2.0 / (fan_in + fan_out)) ** 0.5  # Glorot normal, as the lab
        w = (torch.randn(fan_out, fan_in, generator=gen) * std).requires_grad_()
        b = torch.zeros(fan_out, requires_grad=True)
        m = None
        if masked:
            # Exactly round(density * n) survivors per layer, as the lab's random masks.
            n = w.numel()
            keep = torch.randperm(n, generator=gen)[: round(density * n)]
            m = torch.zeros(n)
            m[keep] = 1.0
            m = m.view_as(w)
            with torch.no_grad():
                w.mul_(m)
        layers.append((w, b, m))
    return layers


def step(layers, opt, x, y):
    h = x
    for i, (w, b, m) in enumerate(layers):
        h = F.linear(h, w * m if m is not None else w, b)
        if i + 1 < len(layers):
            h = F.relu(h)
    loss = F.cross_entropy(h, y)
    opt.zero_grad(set_to_none=True)
    loss.backward()
    opt.step()
    with torch.no_grad():  # re-zero weights and Adam moments at pruned positions
        for w, _, m in layers:
            if m is None:
                continue
            w.mul_(m)
            st = opt.state[w]
            st["exp_avg"].mul_(m)
            st["exp_avg_sq"].mul_(m)
    return loss


def bench(density, masked, batch, warmup, steps, repeats):
    gen = torch.Generator().manual_seed(0)
    layers = make_net(density, masked, gen)
    params = [t for w, b, _ in layers for t in (w, b)]
    opt = torch.optim.Adam(params, lr=1.2e-3, eps=1e-8)
    x = torch.randn(batch, 784, generator=gen)
    y = torch.randint(0, 10, (batch,), generator=gen)
    for _ in range(warmup):
        step(layers, opt, x, y)
    times, cpu = [], []
    for _ in range(repeats):
        c0, t0 = time.process_time(), time.perf_counter()
        for _ in range(steps):
            loss = step(layers, opt, x, y)
        loss.item()  # CPU ops are synchronous; the read mirrors the lab's awaited data()
        times.append((time.perf_counter() - t0) / steps * 1e3)
        cpu.append((time.process_time() - c0) / steps * 1e3)  # all threads: comparable under load
    times.sort()
    cpu.sort()
    return {"msPerStepMedian": times[len(times) // 2], "msPerStepBest": times[0], "cpuMsPerStep": cpu[len(cpu) // 2]}


def gemm_gflops():
    """Throughput of the first layer's GEMM: says which BLAS this build really uses."""
    a, w = torch.randn(60, 784), torch.randn(784, 300)
    for _ in range(3):
        a @ w
    n, t0 = 50, time.perf_counter()
    for _ in range(n):
        a @ w
    return 2 * 60 * 784 * 300 * n / (time.perf_counter() - t0) / 1e9


def blas_library():
    """The BLAS this process really mapped (Debian's torch takes whatever libblas.so.3 resolves to)."""
    try:
        with open("/proc/self/maps") as f:
            libs = {line.split()[-1] for line in f if "blas" in line.lower() and "/" in line}
        return ", ".join(sorted(libs)) or "none mapped"
    except OSError:
        return "unknown"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--batch", type=int, default=60)
    ap.add_argument("--density", type=float, default=0.1)
    ap.add_argument("--warmup", type=int, default=10)
    ap.add_argument("--steps", type=int, default=30)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--sweep", type=str, default="", help="comma list of densities: the masked step at each (issue #14)")
    a = ap.parse_args()
    default_threads = torch.get_num_threads()
    torch.set_num_threads(a.threads)
    out = {
        "torch": torch.__version__,
        "python": platform.python_version(),
        "threads": torch.get_num_threads(),
        "defaultThreads": default_threads,
        "gemmGflops": gemm_gflops(),
        "blasLibrary": blas_library(),
        "runs": {},
    }
    for name, density, masked in [("plain", 1.0, False), ("dense", 1.0, True), ("masked", a.density, True)]:
        r = bench(density, masked, a.batch, a.warmup, a.steps, a.repeats)
        r["samplesPerSec"] = a.batch * 1e3 / r["msPerStepMedian"]
        r["samplesPerSecBest"] = a.batch * 1e3 / r["msPerStepBest"]
        out["runs"][name] = r
    if a.sweep:
        out["sweep"] = []
        for density in (float(d) for d in a.sweep.split(",")):
            r = bench(density, density < 1, a.batch, a.warmup, a.steps, a.repeats)
            out["sweep"].append({"density": density, "samplesPerSec": a.batch * 1e3 / r["msPerStepMedian"], **r})
    print(json.dumps(out))


if __name__ == "__main__":
    main()
