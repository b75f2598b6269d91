import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Executor } from '@tradeloom/db';
import { UPLOAD_MIME_TYPES } from '@tradeloom/shared';
import { fileTypeFromBuffer } from 'file-type';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { appError, notFound } from '../../trpc/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { isFileOfLinkedProduct } from '../catalog/catalog-lookups.ts';
import { isFileOfVisibleDispute } from '../finance/dispute-evidence.ts';
import { isKycDocumentFile } from '../kyc/kyc.service.ts';
import { isFileInCompanyConversation } from '../messaging/message-files.ts';
import { isFileOnVisibleOrder } from '../orders/orders.repository.ts';
import { isFileOfVisibleTender } from '../sourcing/sourcing-files.ts';
import { isFileOfVisibleComplaint } from '../support/complaint-records.ts';

// Uploads are checked by content (magic bytes) against an allow-list, stored under a generated
// name (never the uploader's), hashed, and served only to their company (and platform reviewers).

function storageRoot(ctx: ServiceContext): string {
  return path.join(ctx.deps.config.dataDir, 'files');
}

/** A display name safe to show and to put in a header: no path, no control or bidi characters. */
export function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    // control characters (CR/LF would split a header) and bidi overrides that disguise extensions
    .replace(/\p{Cc}|[\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, '')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 200);
  return cleaned || 'file';
}

export async function storeUpload(ctx: ServiceContext, actor: CompanyActor, upload: { filename: string; content: Buffer }) {
  const detected = await fileTypeFromBuffer(upload.content);
  if (!detected || !(UPLOAD_MIME_TYPES as readonly string[]).includes(detected.mime)) {
    throw appError('BAD_REQUEST', 'FILE_TYPE_NOT_ALLOWED', 'Only PDF, PNG and JPEG files are accepted (checked by content, not by name).');
  }
  const sha256 = createHash('sha256').update(upload.content).digest('hex');
  const storageKey = `${actor.companyId}/${randomUUID()}`;
  const target = path.join(storageRoot(ctx), storageKey);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, upload.content, { flag: 'wx' });
  const filename = safeFilename(upload.filename);
  const row = await ctx.deps.db
    .insertInto('files')
    .values({
      company_id: actor.companyId,
      uploaded_by: actor.userId,
      filename,
      mime: detected.mime,
      size_bytes: upload.content.length,
      sha256,
      storage_key: storageKey,
    })
    .returning(['id', 'filename', 'mime', 'size_bytes as sizeBytes', 'sha256', 'created_at as createdAt'])
    .executeTakeFirstOrThrow();
  await recordAudit(ctx.deps.db, actor, ctx.request, {
    companyId: actor.companyId,
    action: 'file.uploaded',
    entityType: 'file',
    entityId: row.id,
    after: { filename, mime: detected.mime, size: upload.content.length, sha256 },
  });
  return row;
}

/** A file of the caller's company; another company's file is not found. */
export async function assertOwnFile(db: Executor, companyId: string, fileId: string): Promise<void> {
  const file = await db.selectFrom('files').select('id').where('id', '=', fileId).where('company_id', '=', companyId).executeTakeFirst();
  if (!file) throw notFound('File');
}

export interface FileDescription {
  fileId: string;
  filename: string;
  mime: string;
  sizeBytes: number;
}

/** Name, type and size of each file, for another module's list of what it attached. */
export async function describeFiles(db: Executor, fileIds: string[]): Promise<Map<string, FileDescription>> {
  if (!fileIds.length) return new Map();
  const rows = await db
    .selectFrom('files')
    .select(['id as fileId', 'filename', 'mime', 'size_bytes as sizeBytes'])
    .where('id', 'in', fileIds)
    .execute();
  return new Map(rows.map((row) => [row.fileId, row]));
}

/**
 * The file's bytes for a download: the owner company may read its files; a linked buyer may read
 * what is attached to an active product; either party may read what is attached to an order it
 * can see; every company in a conversation may read what its messages carry; either party may
 * read a complaint's evidence; a platform reviewer may read submitted documents.
 */
export async function readFileForDownload(
  ctx: ServiceContext,
  fileId: string,
  reader: { companyId: string | null; isPlatformAdmin: boolean },
) {
  const { db } = ctx.deps;
  const file = await db.selectFrom('files').selectAll().where('id', '=', fileId).executeTakeFirst();
  if (!file) throw notFound('File');
  const ownCompany = reader.companyId !== null && file.company_id === reader.companyId;
  // Each module that attaches files decides who may read them through it.
  const readable =
    ownCompany ||
    (reader.isPlatformAdmin && (await isKycDocumentFile(db, fileId))) ||
    (reader.companyId !== null &&
      ((await isFileOfLinkedProduct(db, fileId, reader.companyId)) ||
        (await isFileOnVisibleOrder(db, fileId, reader.companyId)) ||
        (await isFileOfVisibleTender(db, fileId, reader.companyId)) ||
        (await isFileInCompanyConversation(db, fileId, reader.companyId)) ||
        (await isFileOfVisibleComplaint(db, fileId, reader.companyId)) ||
        (await isFileOfVisibleDispute(db, fileId, reader.companyId))));
  if (!readable) throw notFound('File');
  const content = await readFile(path.join(storageRoot(ctx), file.storage_key));
  return { file, content };
}
