import { Upload, type UploadFile, type UploadProps } from 'antd';
import { CameraOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { uploadPublicPhoto, type PublicUpload } from './public.api';

export const MAX_PHOTOS = 9;

interface Props {
  value?: UploadFile<PublicUpload>[];
  onChange?: (files: UploadFile<PublicUpload>[]) => void;
  testId?: string;
}

/**
 * Photos from the phone camera or gallery, uploaded at once to POST /api/public/files (images only; the
 * server strips EXIF). The preview is drawn from the local file: public uploads are not readable back.
 */
export function PublicPhotoUpload({ value, onChange, testId = 'public-photos' }: Props) {
  const { t } = useTranslation();
  const list = value ?? [];

  const customRequest: UploadProps<PublicUpload>['customRequest'] = ({ file, onSuccess, onError }) => {
    uploadPublicPhoto(file as File).then(
      (r) => onSuccess?.(r),
      (e: unknown) => {
        const msg =
          e instanceof ApiError ? (e.problem.errors?.[0]?.message ?? e.message) : t('errors.unknown');
        onError?.(Object.assign(new Error(msg), { status: e instanceof ApiError ? e.status : 0 }));
      },
    );
  };

  return (
    <div data-testid={testId}>
      <Upload<PublicUpload>
        listType="picture-card"
        accept="image/*"
        multiple
        maxCount={MAX_PHOTOS}
        fileList={list}
        customRequest={customRequest}
        onChange={({ fileList }) =>
          onChange?.(
            fileList
              .slice(0, MAX_PHOTOS)
              .map((f) => (f.status === 'error' ? { ...f, response: f.error?.message ?? f.response } : f)),
          )
        }
        showUploadList={{ showPreviewIcon: false }}
      >
        {list.length >= MAX_PHOTOS ? null : (
          <button type="button" className="upload-button">
            <CameraOutlined />
            <div style={{ marginTop: 6 }}>{t('report.uploadPhoto')}</div>
          </button>
        )}
      </Upload>
    </div>
  );
}

export const publicUploadedIds = (files: UploadFile<PublicUpload>[] | undefined): string[] =>
  (files ?? []).filter((f) => f.status === 'done' && f.response?.id).map((f) => f.response!.id);

export const publicUploadsPending = (files: UploadFile<PublicUpload>[] | undefined): boolean =>
  (files ?? []).some((f) => f.status === 'uploading');
