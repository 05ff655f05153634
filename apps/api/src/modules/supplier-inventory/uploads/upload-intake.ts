import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { fileMissing, fileTooLarge } from '../supplier-inventory.errors';

/** An uploaded file on local disk, with what we know about it before reading its content. */
export interface SpooledFile {
  path: string;
  fileName: string;
  bytes: number;
  sha256: string;
}

interface MultipartFile {
  fieldname: string;
  filename: string;
  file: NodeJS.ReadableStream & { truncated?: boolean; resume(): void };
}

/**
 * Streams the multipart part `file` to `dir` while hashing it (SHA-256), never holding it in
 * memory. Over the multipart size limit → 413 and nothing kept. The caller deletes the file.
 */
export async function spoolUpload(req: FastifyRequest, dir: string, maxBytes: number): Promise<SpooledFile> {
  const withMultipart = req as FastifyRequest & { isMultipart?: () => boolean; file?: () => Promise<MultipartFile | undefined> };
  if (!withMultipart.isMultipart?.() || !withMultipart.file) throw fileMissing();
  const part = await withMultipart.file();
  if (!part) throw fileMissing();
  if (part.fieldname !== 'file') {
    part.file.resume();
    throw fileMissing();
  }
  await fs.mkdir(dir, { recursive: true });
  const path = join(dir, `${randomUUID()}.upload`);
  const hash = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(part.file, tap, createWriteStream(path, { mode: 0o600 }));
    if (part.file.truncated) throw fileTooLarge(maxBytes);
  } catch (err) {
    await fs.rm(path, { force: true });
    const e = err as { code?: string };
    if (e?.code === 'FST_REQ_FILE_TOO_LARGE') throw fileTooLarge(maxBytes);
    throw err;
  }
  return { path, fileName: cleanFileName(part.filename), bytes, sha256: hash.digest('hex') };
}

/** The client's file name, kept for display only: no path, no control characters, bounded. */
export function cleanFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 255);
  return clean || 'upload';
}

/**
 * An upper bound of a CSV's data rows from its line count (quoted line breaks make it an
 * over-estimate), read in one streaming pass without decoding.
 */
export async function countLines(path: string): Promise<number> {
  let lines = 0;
  let last = 10;
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>) {
    let i = -1;
    while ((i = chunk.indexOf(10, i + 1)) !== -1) lines++;
    last = chunk[chunk.length - 1] ?? last;
  }
  return last === 10 ? lines : lines + 1;
}
