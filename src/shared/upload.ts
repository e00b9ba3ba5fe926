// Multipart uploads: each expected file to a temporary file (uploads may be large), the other fields as text.
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../errors.ts';

export interface UploadedFile {
  path: string;
  name: string;
}

export interface Upload {
  fields: Record<string, string>;
  files: Record<string, UploadedFile>;
  /** Files read into memory only (personal data: never written to disk). */
  memory: Record<string, { name: string; buffer: Buffer }>;
}

/**
 * Reads the body; files in fields other than `fileFields` are skipped. Fields listed in `inMemory` are kept in
 * memory, the others go to temporary files that the caller removes (discard).
 */
export async function readUpload(req: FastifyRequest, maxBytes: number, fileFields: readonly string[] = ['file'], inMemory: readonly string[] = []): Promise<Upload> {
  if (!req.isMultipart()) {
    throw new DomainError('VALIDATION', 'Send filen som multipart/form-data.', { fields: [{ field: fileFields[0], message: 'Vælg en fil.' }] });
  }
  const upload: Upload = { fields: {}, files: {}, memory: {} };
  try {
    for await (const part of req.parts({ limits: { fileSize: maxBytes, files: fileFields.length, fields: 20 } })) {
      if (part.type === 'file') {
        if (!fileFields.includes(part.fieldname) || upload.files[part.fieldname] || upload.memory[part.fieldname]) {
          part.file.resume(); // a file in another field: not ours to read
          continue;
        }
        const name = part.filename?.split(/[\\/]/).pop()?.slice(0, 255) || 'fil';
        if (inMemory.includes(part.fieldname)) {
          const chunks: Buffer[] = [];
          for await (const c of part.file) chunks.push(c as Buffer);
          if (part.file.truncated) throw Object.assign(new Error('too large'), { code: 'FST_REQ_FILE_TOO_LARGE', statusCode: 413 });
          upload.memory[part.fieldname] = { name, buffer: Buffer.concat(chunks) };
          continue;
        }
        const path = join(tmpdir(), `almen-upload-${randomUUID()}`);
        // Some browsers send the whole client path; keep the name only.
        upload.files[part.fieldname] = { path, name };
        await pipeline(part.file, createWriteStream(path));
      } else {
        upload.fields[part.fieldname] = String(part.value);
      }
    }
  } catch (err) {
    await discard(upload);
    throw uploadError(err);
  }
  return upload;
}

export async function discard(upload: Upload): Promise<void> {
  await Promise.all(Object.values(upload.files).map((f) => rm(f.path, { force: true })));
}

/** A broken or oversized multipart body is the client's error (4xx), never a 500. */
function uploadError(err: unknown): unknown {
  const e = err as { code?: string; statusCode?: number };
  if (err instanceof DomainError || e.code === 'FST_REQ_FILE_TOO_LARGE') return err;
  if (e.statusCode !== undefined && e.statusCode >= 500) return err;
  const message =
    e.code === 'FST_FILES_LIMIT'
      ? 'Send én fil ad gangen.'
      : e.code === 'FST_FIELDS_LIMIT' || e.code === 'FST_PARTS_LIMIT'
        ? 'Formularen har for mange felter.'
        : 'Filen kunne ikke modtages: forespørgslen er ikke gyldig multipart/form-data. Prøv at sende den igen.';
  return new DomainError('VALIDATION', message, { fields: [{ field: 'file', message }] });
}
