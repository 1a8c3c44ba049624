import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { testApp, type TestApp } from '../test/harness';

async function upload(
  t: TestApp,
  cookie: string,
  content: Buffer,
  filename: string,
  type = 'application/octet-stream',
) {
  const form = new FormData();
  form.append('file', new Blob([content], { type }), filename);
  const r = await t.app.inject({ method: 'POST', url: '/api/files', headers: { cookie }, payload: form });
  return { status: r.statusCode, json: r.json() };
}

describe('files', () => {
  let t: TestApp;
  let ent: string;
  let jpeg: Buffer;
  before(async () => {
    t = await testApp();
    ent = await t.login('enterprise-demo');
    jpeg = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#c33' } })
      .jpeg()
      .withExif({ IFD0: { Artist: 'secret-location-holder', Copyright: 'x' } })
      .toBuffer();
    assert.ok((await sharp(jpeg).metadata()).exif, 'fixture carries EXIF');
  });
  after(() => t.close());

  it('stores an image without its EXIF, content-addressed, with a thumbnail', async () => {
    const r = await upload(t, ent, jpeg, '现场照片.jpg', 'image/jpeg');
    assert.equal(r.status, 201);
    assert.equal(r.json.kind, 'image');
    assert.equal(r.json.mime, 'image/jpeg');
    assert.equal(r.json.width, 800);
    const got = await t.app.inject({ method: 'GET', url: r.json.url, headers: { cookie: ent } });
    assert.equal(got.statusCode, 200);
    assert.equal(createHash('sha256').update(got.rawPayload).digest('hex'), r.json.sha256);
    assert.equal((await sharp(got.rawPayload).metadata()).exif, undefined);
    assert.ok(!got.rawPayload.includes(Buffer.from('secret-location-holder')));
    const th = await t.app.inject({ method: 'GET', url: r.json.thumbnailUrl, headers: { cookie: ent } });
    assert.equal(th.statusCode, 200);
    const meta = await sharp(th.rawPayload).metadata();
    assert.equal(meta.format, 'webp');
    assert.ok((meta.width ?? 999) <= 320);
  });

  it('deduplicates identical content by SHA-256', async () => {
    const a = await upload(t, ent, jpeg, 'a.jpg');
    const b = await upload(t, ent, jpeg, 'b.jpg');
    assert.notEqual(a.json.id, b.json.id);
    assert.equal(a.json.sha256, b.json.sha256);
    const blobs = await t.database.db
      .selectFrom('file_blobs')
      .select('sha256')
      .where('sha256', '=', a.json.sha256)
      .execute();
    assert.equal(blobs.length, 1);
  });

  it('judges the type by content, not by the name or claimed type', async () => {
    const r = await upload(t, ent, Buffer.from('MZ this is an exe'), 'photo.jpg', 'image/jpeg');
    assert.equal(r.status, 415);
    assert.equal(r.json.errors[0].path, 'file');
    const pdf = await upload(t, ent, Buffer.from('%PDF-1.4\n%…'), '整改报告.pdf');
    assert.equal(pdf.status, 201);
    assert.equal(pdf.json.kind, 'document');
  });

  it('rejects a corrupt image and an empty file with 400', async () => {
    const broken = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(50, 1)]);
    assert.equal((await upload(t, ent, broken, 'x.jpg')).status, 400);
    assert.equal((await upload(t, ent, Buffer.alloc(0), 'x.pdf')).status, 400);
  });

  it('lets regulators of the enterprise read it, and nobody else', async () => {
    const r = await upload(t, ent, jpeg, 'c.jpg');
    const district = await t.login('district-150627');
    const other = await t.login('district-150602');
    const nyj = await t.login('inspector-nyj');
    assert.equal((await t.call('GET', r.json.url, { cookie: district })).status, 200);
    assert.equal((await t.call('GET', r.json.url, { cookie: other })).status, 404);
    assert.equal((await t.call('GET', r.json.url, { cookie: nyj })).status, 404);
    assert.equal((await t.call('GET', r.json.url)).status, 401);
  });

  it('asks for multipart', async () => {
    const r = await t.call('POST', '/api/files', { cookie: ent, body: { file: 'x' } });
    assert.equal(r.status, 415);
  });
});
