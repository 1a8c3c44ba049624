import { Upload, type UploadFile, type UploadProps } from 'antd';
import { CameraOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { uploadFile, type UploadedFile } from './hazards.api';

interface Props {
  value?: UploadFile<UploadedFile>[];
  onChange?: (files: UploadFile<UploadedFile>[]) => void;
  /** Documents too (PDF, Word, Excel), not only photos. */
  documents?: boolean;
  max?: number;
  testId?: string;
}

/**
 * Photos straight from the phone camera (capture="environment") or the gallery, uploaded at once to
 * POST /api/files; the form keeps the list and sends the ids. Thumbnails come from the server.
 */
export function PhotoUpload({ value, onChange, documents, max = 30, testId = 'photo-upload' }: Props) {
  const { t } = useTranslation();
  const list = value ?? [];

  const customRequest: UploadProps<UploadedFile>['customRequest'] = ({ file, onSuccess, onError }) => {
    uploadFile(file as File).then(
      (r) => onSuccess?.(r),
      (e: unknown) => {
        const msg =
          e instanceof ApiError ? (e.problem.errors?.[0]?.message ?? e.message) : t('errors.unknown');
        onError?.(Object.assign(new Error(msg), { status: e instanceof ApiError ? e.status : 0 }));
      },
    );
  };

  const onUploadChange: UploadProps<UploadedFile>['onChange'] = ({ fileList }) => {
    onChange?.(
      fileList.map((f) => {
        if (f.status === 'done' && f.response) {
          return {
            ...f,
            url: f.response.url,
            thumbUrl: f.response.thumbnailUrl ?? undefined,
          };
        }
        if (f.status === 'error') return { ...f, response: f.error?.message ?? f.response };
        return f;
      }),
    );
  };

  return (
    <div data-testid={testId}>
      <Upload<UploadedFile>
        listType="picture-card"
        accept={documents ? 'image/*,.pdf,.docx,.xlsx' : 'image/*'}
        capture={documents ? undefined : 'environment'}
        multiple
        fileList={list}
        customRequest={customRequest}
        onChange={onUploadChange}
        onPreview={(f) => {
          const url = f.response?.url ?? f.url;
          if (url) window.open(url, '_blank', 'noopener');
        }}
      >
        {list.length >= max ? null : (
          <button type="button" className="upload-button">
            {documents ? <PaperClipOutlined /> : <CameraOutlined />}
            <div style={{ marginTop: 6 }}>
              {documents ? t('hazard.uploadEvidence') : t('hazard.uploadPhoto')}
            </div>
          </button>
        )}
      </Upload>
    </div>
  );
}

/** Ids of the files that finished uploading. */
export const uploadedIds = (files: UploadFile<UploadedFile>[] | undefined): string[] =>
  (files ?? []).filter((f) => f.status === 'done' && f.response?.id).map((f) => f.response!.id);

export const uploadsPending = (files: UploadFile<UploadedFile>[] | undefined): boolean =>
  (files ?? []).some((f) => f.status === 'uploading');
