/** What an upload really is, judged by its first bytes (never by the client's claimed type). */
export type Sniffed =
  | { kind: 'image'; mime: 'image/jpeg' | 'image/png' | 'image/webp' }
  | { kind: 'document'; mime: string }
  | null;

const startsWith = (b: Buffer, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);

export function sniff(buf: Buffer, filename: string): Sniffed {
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return { kind: 'image', mime: 'image/jpeg' };
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { kind: 'image', mime: 'image/png' };
  if (buf.subarray(0, 4).toString('latin1') === 'RIFF' && buf.subarray(8, 12).toString('latin1') === 'WEBP')
    return { kind: 'image', mime: 'image/webp' };
  if (buf.subarray(0, 5).toString('latin1') === '%PDF-') return { kind: 'document', mime: 'application/pdf' };
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) {
    const ext = filename.toLowerCase().split('.').pop();
    if (ext === 'docx')
      return {
        kind: 'document',
        mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      };
    if (ext === 'xlsx')
      return { kind: 'document', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
  }
  return null;
}

export const ALLOWED_TYPES_TEXT = 'JPEG、PNG、WebP 图片，PDF、Word(.docx)、Excel(.xlsx) 文档';
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
