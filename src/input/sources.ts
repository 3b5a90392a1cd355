// Getting bytes from files, directories and streams without ever reading more than the byte limit.
import { open, readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { INPUT_EXTENSIONS } from './detect.ts';

export type Bytes = { ok: true; bytes: Uint8Array } | { ok: false; reason: string };

function sizeReason(size: number | string, maxBytes: number): string {
  return `input is ${size} bytes, over the limit of ${maxBytes} bytes`;
}

/** Describes a file-system error without a stack: "no such file or directory", "permission denied". */
export function fsReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ELOOP':
      return 'too many symbolic links';
    default:
      return `cannot read: ${(e as Error)?.message ?? String(e)}`;
  }
}

/** Reads a regular file whose size (checked before reading) is within maxBytes. */
export async function readFileLimited(path: string, maxBytes: number): Promise<Bytes> {
  try {
    const handle = await open(path, 'r');
    try {
      const info = await handle.stat();
      if (!info.isFile()) return { ok: false, reason: 'not a regular file' };
      if (info.size > maxBytes) return { ok: false, reason: sizeReason(info.size, maxBytes) };
      // Read at most maxBytes + 1, in case the file grew after stat.
      const buf = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
      let filled = 0;
      for (;;) {
        const { bytesRead } = await handle.read(buf, filled, buf.length - filled, filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
        if (filled === buf.length) break;
      }
      if (filled > maxBytes) return { ok: false, reason: sizeReason(`more than ${maxBytes}`, maxBytes) };
      return { ok: true, bytes: new Uint8Array(buf.buffer, buf.byteOffset, filled) };
    } finally {
      await handle.close();
    }
  } catch (e) {
    return { ok: false, reason: fsReason(e) };
  }
}

/** Collects a stream up to maxBytes; stops reading (and says so) as soon as the limit is passed. */
export async function readStreamLimited(
  stream: AsyncIterable<Uint8Array | string>,
  maxBytes: number,
): Promise<Bytes> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      total += bytes.length;
      if (total > maxBytes) return { ok: false, reason: sizeReason(`more than ${maxBytes}`, maxBytes) };
      chunks.push(bytes);
    }
  } catch (e) {
    return { ok: false, reason: `read error: ${(e as Error).message}` };
  }
  return { ok: true, bytes: Buffer.concat(chunks, total) };
}

export type Listing = { ok: true; files: string[]; problems: { path: string; reason: string }[] };

/**
 * Input files under a directory, recursively, in sorted path order; hidden files and folders are skipped and
 * symbolic-link loops are followed once.
 */
export async function listInputFiles(dir: string): Promise<Listing> {
  const files: string[] = [];
  const problems: { path: string; reason: string }[] = [];
  const seen = new Set<string>();
  const walk = async (path: string): Promise<void> => {
    let real: string;
    try {
      real = await realpath(path);
    } catch (e) {
      problems.push({ path, reason: fsReason(e) });
      return;
    }
    if (seen.has(real)) return;
    seen.add(real);
    let entries: string[];
    try {
      entries = (await readdir(path)).filter((name) => !name.startsWith('.')).sort();
    } catch (e) {
      problems.push({ path, reason: fsReason(e) });
      return;
    }
    for (const name of entries) {
      const child = join(path, name);
      let info: Awaited<ReturnType<typeof stat>>;
      try {
        info = await stat(child);
      } catch (e) {
        problems.push({ path: child, reason: fsReason(e) });
        continue;
      }
      if (info.isDirectory()) await walk(child);
      else if (info.isFile() && INPUT_EXTENSIONS.some((ext) => name.toLowerCase().endsWith(ext)))
        files.push(child);
    }
  };
  await walk(dir);
  return { ok: true, files, problems };
}
