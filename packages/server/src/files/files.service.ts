import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { sql, type Kysely } from 'kysely';
import { enterpriseScope, type Actor } from '@zhiben/domain';
import type { DB } from '../db/types';
import { AppError, notFound } from '../http/errors';
import { appendAudit, type AuditContext } from '../audit/audit.repo';
import { whereInScope } from '../enterprises/enterprises.repo';
import { ALLOWED_TYPES_TEXT, sniff } from './sniff';

export interface StoredFile {
  id: string;
  sha256: string;
  name: string;
  mime: string;
  size: number;
  kind: 'image' | 'document';
  width: number | null;
  height: number | null;
  url: string;
  thumbnailUrl: string | null;
  createdAt: string;
}

/**
 * Images are re-encoded: orientation applied, all metadata (EXIF location included) dropped, and a
 * 320 px WebP thumbnail made. The SHA-256 is of the stored bytes.
 */
async function prepare(buf: Buffer, filename: string) {
  const kind = sniff(buf, filename);
  if (!kind) {
    throw new AppError('unsupported_media_type', `不支持的文件类型，仅支持${ALLOWED_TYPES_TEXT}`, [
      { path: 'file', message: `不支持的文件类型，仅支持${ALLOWED_TYPES_TEXT}` },
    ]);
  }
  if (kind.kind === 'document') return { ...kind, content: buf, thumbnail: null, width: null, height: null };
  try {
    const img = sharp(buf, { failOn: 'error' }).rotate();
    const content =
      kind.mime === 'image/png'
        ? await img.png().toBuffer()
        : kind.mime === 'image/webp'
          ? await img.webp({ quality: 90 }).toBuffer()
          : await img.jpeg({ quality: 90 }).toBuffer();
    const meta = await sharp(content).metadata();
    const thumbnail = await sharp(content)
      .resize(320, 320, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer();
    return { ...kind, content, thumbnail, width: meta.width ?? null, height: meta.height ?? null };
  } catch {
    throw new AppError('validation', '图片文件已损坏或无法读取', [
      { path: 'file', message: '图片文件已损坏或无法读取' },
    ]);
  }
}

export function presentFile(f: {
  id: string;
  sha256: string;
  name: string;
  mime: string;
  size: number;
  kind: 'image' | 'document';
  width: number | null;
  height: number | null;
  created_at: Date;
}): StoredFile {
  return {
    id: f.id,
    sha256: f.sha256,
    name: f.name,
    mime: f.mime,
    size: f.size,
    kind: f.kind,
    width: f.width,
    height: f.height,
    url: `/api/files/${f.id}`,
    thumbnailUrl: f.kind === 'image' ? `/api/files/${f.id}/thumbnail` : null,
    createdAt: f.created_at.toISOString(),
  };
}

export async function storeFile(
  db: Kysely<DB>,
  actor: Actor,
  upload: { filename: string; buffer: Buffer },
  ctx: AuditContext,
  opts: { imagesOnly?: boolean } = {},
) {
  if (upload.buffer.length === 0)
    throw new AppError('validation', '文件为空', [{ path: 'file', message: '文件为空' }]);
  const p = await prepare(upload.buffer, upload.filename);
  if (opts.imagesOnly && p.kind !== 'image') {
    throw new AppError('unsupported_media_type', '仅支持 JPEG、PNG、WebP 照片', [
      { path: 'file', message: '仅支持 JPEG、PNG、WebP 照片' },
    ]);
  }
  const sha256 = createHash('sha256').update(p.content).digest('hex');
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is stripped
  const name = upload.filename.replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 200) || 'file';
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('file_blobs')
      .values({ sha256, size: p.content.length, content: p.content, thumbnail: p.thumbnail })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
    const row = await trx
      .insertInto('files')
      .values({
        sha256,
        name,
        mime: p.mime,
        size: p.content.length,
        kind: p.kind,
        width: p.width,
        height: p.height,
        uploaded_by: actor.userId || null,
        enterprise_id: actor.enterpriseId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const f = presentFile(row);
    await appendAudit(trx, ctx, [
      { action: 'file.upload', entityType: 'file', entityId: row.id, after: { ...f } },
    ]);
    return f;
  });
}

/** A file is readable by its uploader, and by anyone whose scope holds the enterprise it belongs to. */
export async function readableFile(db: Kysely<DB>, actor: Actor, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('文件');
  const f = await db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst();
  if (!f) throw notFound('文件');
  if (f.uploaded_by && f.uploaded_by === actor.userId) return f;
  // Photos of a public report: readable by the officials who may see that report.
  const report = await db
    .selectFrom('reports')
    .select(['district_code', 'department_ids'])
    .where(sql<boolean>`attachment_ids @> ARRAY[${id}]::uuid[]`)
    .executeTakeFirst();
  if (report) {
    const ok =
      (actor.role === 'city_office' && actor.regionCode === '150600') ||
      actor.role === 'sysadmin' ||
      (actor.role === 'district_office' && actor.regionCode === report.district_code) ||
      (actor.role === 'inspector' && !!actor.orgId && report.department_ids.includes(actor.orgId));
    if (ok) return f;
  }
  if (f.enterprise_id) {
    const visible = await whereInScope(db.selectFrom('enterprises'), enterpriseScope(actor))
      .select('enterprises.id')
      .where('enterprises.id', '=', f.enterprise_id)
      .executeTakeFirst();
    if (visible) return f;
  }
  throw notFound('文件');
}

export async function blob(db: Kysely<DB>, sha256: string, which: 'content' | 'thumbnail') {
  const b = await db
    .selectFrom('file_blobs')
    .select([which])
    .where('sha256', '=', sha256)
    .executeTakeFirstOrThrow();
  return (b as Record<string, Buffer | null>)[which];
}
