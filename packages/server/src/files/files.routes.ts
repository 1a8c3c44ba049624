import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContext, requireActor } from '../http/context';
import { AppError, notFound } from '../http/errors';
import { blob, readableFile, storeFile } from './files.service';
import { ALLOWED_TYPES_TEXT, MAX_FILE_BYTES } from './sniff';

const idParams = z.object({ id: z.string().uuid('文件编号格式不正确') });

function contentDisposition(kind: 'inline' | 'attachment', name: string) {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export const fileRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;

  app.post(
    '/api/files',
    {
      schema: {
        tags: ['files'],
        summary: `上传文件 Upload a photo or document (multipart field "file"; ${ALLOWED_TYPES_TEXT}; ≤ 20 MB)`,
        consumes: ['multipart/form-data'],
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      if (!req.isMultipart()) {
        throw new AppError('unsupported_media_type', '请以 multipart/form-data 上传，字段名 file', [
          { path: 'file', message: '请选择要上传的文件' },
        ]);
      }
      const part = await req.file({ limits: { fileSize: MAX_FILE_BYTES, files: 1 } });
      if (!part)
        throw new AppError('validation', '请选择要上传的文件', [
          { path: 'file', message: '请选择要上传的文件' },
        ]);
      let buffer: Buffer;
      try {
        buffer = await part.toBuffer();
      } catch {
        throw new AppError('payload_too_large', '文件超过 20 MB', [
          { path: 'file', message: '文件超过 20 MB' },
        ]);
      }
      const f = await storeFile(db, actor, { filename: part.filename, buffer }, auditContext(req));
      return reply.status(201).send(f);
    },
  );

  app.get(
    '/api/files/:id',
    { schema: { tags: ['files'], summary: '下载文件 Download a file', params: idParams } },
    async (req, reply) => {
      const f = await readableFile(db, requireActor(req), req.params.id);
      const content = await blob(db, f.sha256, 'content');
      if (!content) throw notFound('文件');
      return reply
        .type(f.mime)
        .header(
          'content-disposition',
          contentDisposition(f.kind === 'image' ? 'inline' : 'attachment', f.name),
        )
        .header('cache-control', 'private, max-age=86400, immutable')
        .header('etag', `"${f.sha256}"`)
        .send(content);
    },
  );

  app.get(
    '/api/files/:id/thumbnail',
    {
      schema: { tags: ['files'], summary: '缩略图 Thumbnail of an image (WebP, ≤ 320 px)', params: idParams },
    },
    async (req, reply) => {
      const f = await readableFile(db, requireActor(req), req.params.id);
      const thumb = f.kind === 'image' ? await blob(db, f.sha256, 'thumbnail') : null;
      if (!thumb) throw notFound('缩略图');
      return reply
        .type('image/webp')
        .header('cache-control', 'private, max-age=86400, immutable')
        .send(thumb);
    },
  );
};
