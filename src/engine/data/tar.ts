import { DataError } from './types';

/**
 * A streaming reader for (ustar / GNU) tar archives. CIFAR-10 ships as a
 * 170 MB tar.gz; reading it as a stream lets the browser import it without
 * holding the archive and its 184 MB of contents at the same time — only the
 * members the caller keeps are copied out.
 */
export interface TarMember {
  name: string;
  size: number;
  /** Typeflag: '0' (or '\0') file, '5' directory, 'L' GNU long name, 'x' pax header … */
  type: string;
}

const BLOCK = 512;

/** Pulls exact byte counts out of a stream whose chunks have arbitrary sizes. */
export class StreamBytes {
  private chunk: Uint8Array = new Uint8Array(0);
  private pos = 0;
  /** Bytes handed out so far (the offset in the stream). */
  consumed = 0;

  constructor(private readonly reader: ReadableStreamDefaultReader<Uint8Array>) {}

  /** Copies the next `n` bytes into `into` at `at` (or drops them when null); returns how many there were. */
  async read(n: number, into: Uint8Array | null, at = 0): Promise<number> {
    let got = 0;
    while (got < n) {
      if (this.pos >= this.chunk.length) {
        const { done, value } = await this.reader.read();
        if (done) break;
        this.chunk = value;
        this.pos = 0;
        continue;
      }
      const take = Math.min(n - got, this.chunk.length - this.pos);
      into?.set(this.chunk.subarray(this.pos, this.pos + take), at + got);
      this.pos += take;
      got += take;
    }
    this.consumed += got;
    return got;
  }
}

function text(b: Uint8Array, start: number, len: number): string {
  const field = b.subarray(start, start + len);
  const end = field.indexOf(0);
  return new TextDecoder().decode(end < 0 ? field : field.subarray(0, end));
}

/** Numeric header fields are octal text; GNU tar writes huge sizes in base-256 (high bit set). */
function number(b: Uint8Array, start: number, len: number): number {
  if (b[start] & 0x80) {
    let v = b[start] & 0x7f;
    for (let i = 1; i < len; i++) v = v * 256 + b[start + i];
    return v;
  }
  const s = text(b, start, len).trim();
  return s === '' ? 0 : parseInt(s, 8);
}

/** The header checksum counts its own 8-byte field as spaces; old tars summed signed bytes, so accept both. */
function checksumOk(h: Uint8Array): boolean {
  const stored = number(h, 148, 8);
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const v = i >= 148 && i < 156 ? 32 : h[i];
    unsigned += v;
    signed += v > 127 ? v - 256 : v;
  }
  return stored === unsigned || stored === signed;
}

/** The `path=` record of a pax extended header ("<len> path=<name>\n" lines). */
function paxPath(body: Uint8Array): string | undefined {
  const m = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(new TextDecoder().decode(body));
  return m?.[1];
}

/**
 * Reads every member header of a tar stream and copies out the bodies of the
 * regular files `keep` accepts (keyed by full path). `label` names the archive
 * in errors. Reads to the end of the stream, so a compressed source below is
 * fully checked (gzip verifies its CRC at the very end).
 */
export async function extractTar(
  stream: ReadableStream<Uint8Array>,
  label: string,
  keep: (m: TarMember) => boolean,
  /** What to say when the very first header is not a tar header (default: "not a tar archive"). */
  notTar = 'not a tar archive (the first header block has a bad checksum)',
): Promise<{ files: Record<string, Uint8Array>; members: TarMember[] }> {
  const reader = stream.getReader();
  const src = new StreamBytes(reader);
  const files: Record<string, Uint8Array> = {};
  const members: TarMember[] = [];
  const header = new Uint8Array(BLOCK);
  let longName: string | undefined;
  try {
    for (;;) {
      const offset = src.consumed;
      const got = await src.read(BLOCK, header);
      if (got === 0) break; // no end-of-archive blocks: tolerated, as GNU tar does; missing members are caught by the caller
      if (got < BLOCK && offset === 0) throw new DataError(`${label}: ${notTar}; expected the CIFAR-10 binary version, cifar-10-binary.tar.gz (or the .tar inside it)`, label);
      if (got < BLOCK) throw truncated(label, `a member header at byte ${offset}`, got, BLOCK);
      if (header.every((v) => v === 0)) break; // end-of-archive marker
      if (!checksumOk(header)) {
        throw new DataError(
          offset === 0
            ? `${label}: ${notTar}; expected the CIFAR-10 binary version, cifar-10-binary.tar.gz (or the .tar inside it)`
            : `${label}: bad tar header checksum at byte ${offset.toLocaleString('en-US')} (after ${members.at(-1)?.name ?? 'the start'}); the archive is corrupt — download it again`,
          label,
        );
      }
      const ustar = text(header, 257, 5) === 'ustar';
      const prefix = ustar ? text(header, 345, 155) : '';
      const member: TarMember = {
        name: longName ?? (prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100)),
        size: number(header, 124, 12),
        type: String.fromCharCode(header[156] || 48),
      };
      longName = undefined;
      const isFile = member.type === '0' || member.type === '7';
      const meta = member.type === 'L' || member.type === 'x';
      const body = (isFile && keep(member)) || meta ? new Uint8Array(member.size) : null;
      const read = await src.read(member.size, body);
      if (read < member.size) throw truncated(label, member.name, read, member.size);
      const pad = (BLOCK - (member.size % BLOCK)) % BLOCK;
      if ((await src.read(pad, null)) < pad) throw truncated(label, member.name, member.size, member.size + pad);
      if (member.type === 'L' && body) longName = text(body, 0, body.length);
      else if (member.type === 'x' && body) longName = paxPath(body);
      else {
        members.push(member);
        if (body) files[member.name] = body;
      }
    }
    // Drain the zero padding after the marker so the decompressor reaches (and checks) its trailer.
    while ((await src.read(1 << 20, null)) > 0);
  } catch (e) {
    await reader.cancel(e).catch(() => {});
    throw e;
  }
  return { files, members };
}

function truncated(label: string, what: string, got: number, want: number): DataError {
  return new DataError(
    `${label}: truncated archive — it ends inside ${what} (${got.toLocaleString('en-US')} of ${want.toLocaleString('en-US')} bytes); the download is incomplete — download it again`,
    label,
  );
}
