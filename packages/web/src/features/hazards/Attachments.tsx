import { Image, Space, Typography } from 'antd';
import { FileOutlined } from '@ant-design/icons';
import type { FileRef } from './hazards.api';

/** Thumbnails of images (click to see the full photo) and links to documents. */
export function Attachments({ files, size = 96 }: { files: FileRef[]; size?: number }) {
  if (!files.length) return <Typography.Text type="secondary">—</Typography.Text>;
  const images = files.filter((f) => f.kind === 'image');
  const docs = files.filter((f) => f.kind !== 'image');
  return (
    <Space orientation="vertical" size={6} data-testid="attachments">
      {images.length > 0 && (
        <Image.PreviewGroup>
          <Space size={6} wrap>
            {images.map((f) => (
              <Image
                key={f.id}
                width={size}
                height={size}
                style={{ objectFit: 'cover', borderRadius: 4 }}
                src={f.thumbnailUrl ?? f.url}
                preview={{ src: f.url }}
                alt={f.name}
                className="attachment-thumb"
              />
            ))}
          </Space>
        </Image.PreviewGroup>
      )}
      {docs.map((f) => (
        <a key={f.id} href={f.url} target="_blank" rel="noreferrer">
          <FileOutlined /> {f.name || f.id}
        </a>
      ))}
    </Space>
  );
}
