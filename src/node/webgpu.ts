/// <reference types="@webgpu/types" />
/**
 * WebGPU in Node through Dawn (the npm package `webgpu`, an optional
 * dependency): the same tfjs-webgpu backend the page uses, so a GPU server
 * runs the lab's WebGPU path from the command line.
 *
 * Dawn talks to the GPU through Vulkan. On a machine with a GPU driver the
 * system's Vulkan loader finds it. Where there is none, Debian's Chromium
 * ships a Vulkan loader and SwiftShader (a CPU implementation of Vulkan):
 * a correctness device, far slower than WASM, which CI uses to test this path.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { isSoftwareRenderer } from '../worker/softwareRenderer';

/** Where Debian's Chromium keeps its Vulkan loader and SwiftShader (override with SPARSE_LAB_SWIFTSHADER_DIR). */
const CHROMIUM_VULKAN_DIR = process.env.SPARSE_LAB_SWIFTSHADER_DIR ?? '/usr/lib/chromium';

export interface NodeAdapter {
  /** e.g. "nvidia · ampere · NVIDIA A100" or "google · swiftshader · SwiftShader Device (Subzero)". */
  label: string;
  software: boolean;
  /** How the adapter was reached: the system's Vulkan driver or Chromium's SwiftShader. */
  via: 'system' | 'swiftshader';
}

export type NodeWebGPUResult = { ok: true; adapter: NodeAdapter } | { ok: false; reason: string };

let installed: Promise<NodeWebGPUResult> | undefined;

/**
 * Puts `navigator.gpu` (Dawn) on globalThis and registers tfjs's WebGPU
 * backend, once per process. Resolves with the adapter it found, or with a
 * message that says why there is none and what to install.
 */
export function installNodeWebGPU(): Promise<NodeWebGPUResult> {
  installed ??= install();
  return installed;
}

type DawnModule = { create: (flags: string[]) => GPU; globals: Record<string, unknown> };

async function install(): Promise<NodeWebGPUResult> {
  let dawn: DawnModule;
  try {
    dawn = (await import('webgpu')) as unknown as DawnModule;
  } catch (e) {
    return { ok: false, reason: `the npm package "webgpu" (Dawn for Node) is not installed or does not load on ${process.platform}-${process.arch} (${(e as Error).message.split('\n')[0]}); run \`npm install webgpu\`` };
  }
  // Dawn's Vulkan backend wants a runtime folder; CI containers often have none.
  if (!process.env.XDG_RUNTIME_DIR) process.env.XDG_RUNTIME_DIR = mkdtempSync(join(os.tmpdir(), 'sparse-lab-xdg-'));

  let found = systemVulkanMayExist() ? await firstAdapter(dawn, 'system') : undefined;
  if (!found && !process.env.VK_ICD_FILENAMES && useChromiumSwiftShader()) found = await firstAdapter(dawn, 'swiftshader');
  if (!found) {
    return {
      ok: false,
      reason: 'no WebGPU adapter found: Dawn found no GPU through Vulkan. On a GPU server install the GPU driver with Vulkan support (e.g. libvulkan1 and the vendor ICD); '
        + `for a software adapter install Debian's chromium, whose SwiftShader (${CHROMIUM_VULKAN_DIR}/vk_swiftshader_icd.json) this lab then uses`,
    };
  }
  const [gpu, adapter] = found;
  Object.assign(globalThis, dawn.globals);
  // tfjs-backend-webgpu registers its factory only if navigator.gpu exists when it is imported.
  Object.defineProperty(globalThis, 'navigator', { value: { ...(globalThis.navigator ?? {}), gpu }, configurable: true, writable: true });
  await import('@tensorflow/tfjs-backend-webgpu');
  return { ok: true, adapter };
}

async function firstAdapter(dawn: DawnModule, via: NodeAdapter['via']): Promise<[GPU, NodeAdapter] | undefined> {
  try {
    const gpu = dawn.create([]);
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) return undefined;
    const info = adapter.info;
    const label = [info.vendor, info.architecture, info.description || info.device].filter(Boolean).join(' · ') || 'unnamed adapter';
    const software = via === 'swiftshader' || isSoftwareRenderer(label) || Boolean((info as GPUAdapterInfo & { isFallbackAdapter?: boolean }).isFallbackAdapter);
    return [gpu, { label, software, via }];
  } catch {
    return undefined;
  }
}

/**
 * False only on Linux when no Vulkan loader is installed (not in the linker
 * cache nor on LD_LIBRARY_PATH): Dawn would then print a warning with a
 * stack trace for the attempt. macOS and Windows use Metal and D3D12.
 */
function systemVulkanMayExist(): boolean {
  if (process.platform !== 'linux') return true;
  const dirs = (process.env.LD_LIBRARY_PATH ?? '').split(':').filter(Boolean);
  if (dirs.some((d) => existsSync(join(d, 'libvulkan.so.1')))) return true;
  try {
    return readFileSync('/etc/ld.so.cache').includes('libvulkan.so.1');
  } catch {
    return true;
  }
}

/**
 * Points the Vulkan loader at Chromium's SwiftShader. Chromium's own loader
 * (libvulkan.so.1) sits outside the library path, so it is loaded first and
 * kept resident (RTLD_NODELETE); Dawn's later dlopen("libvulkan.so.1") then
 * finds it by its soname. Returns false where Chromium's Vulkan files are missing.
 */
function useChromiumSwiftShader(): boolean {
  const icd = join(CHROMIUM_VULKAN_DIR, 'vk_swiftshader_icd.json');
  const loader = join(CHROMIUM_VULKAN_DIR, 'libvulkan.so.1');
  if (process.platform !== 'linux' || !existsSync(icd) || !existsSync(loader)) return false;
  process.env.VK_ICD_FILENAMES = icd;
  const RTLD_NODELETE = 0x1000; // glibc's value; Node's os.constants.dlopen does not list it
  try {
    process.dlopen({ exports: {} } as NodeJS.Module, loader, os.constants.dlopen.RTLD_NOW | RTLD_NODELETE);
  } catch {
    // "Module did not self-register": expected, it is a plain library, not a Node addon; it stays loaded.
  }
  return true;
}
