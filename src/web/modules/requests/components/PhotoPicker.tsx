import { PlusOutlined } from '@ant-design/icons';
import { App, Image, Upload, type UploadFile } from 'antd';
import { useEffect, useState } from 'react';
import { limits } from '../../../../shared/limits';
import { useI18n } from '../../../app/i18n';

const mb = limits.photoBytesMax / 1024 / 1024;

/**
 * Picks up to six photos, checked here as the server checks them (type, size), with a
 * preview. Nothing is uploaded until the form is sent: the files go in its multipart body.
 */
export function PhotoPicker({ value, onChange, max = limits.photosPerRequest }: { value?: UploadFile[]; onChange?: (files: UploadFile[]) => void; max?: number }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const files = value ?? [];
  const [preview, setPreview] = useState<string>();

  // Object URLs for the thumbnails, released when a photo goes away.
  useEffect(() => () => files.forEach((f) => f.thumbUrl?.startsWith('blob:') && URL.revokeObjectURL(f.thumbUrl)), [files]);

  return (
    <>
      <Upload
        listType="picture-card"
        accept={limits.photoMimeTypes.join(',')}
        multiple
        fileList={files}
        beforeUpload={(file, batch) => {
          if (!(limits.photoMimeTypes as readonly string[]).includes(file.type)) {
            message.error(t('requests.photo.wrongType', { name: file.name }));
            return Upload.LIST_IGNORE;
          }
          if (file.size > limits.photoBytesMax) {
            message.error(t('requests.photo.tooBig', { name: file.name, mb }));
            return Upload.LIST_IGNORE;
          }
          if (files.length + batch.indexOf(file) >= max) {
            if (batch.indexOf(file) === batch.length - 1 || files.length >= max) message.warning(t('requests.photo.tooMany', { max }));
            return Upload.LIST_IGNORE;
          }
          return false; // keep it in the form, do not upload on its own
        }}
        onChange={({ fileList }) => onChange?.(fileList.slice(0, max).map((f) => ({ ...f, status: 'done', thumbUrl: f.thumbUrl ?? (f.originFileObj ? URL.createObjectURL(f.originFileObj) : undefined) })))}
        onPreview={(f) => setPreview(f.thumbUrl ?? f.url)}
      >
        {files.length < max && (
          <button type="button" style={{ border: 0, background: 'none', cursor: 'pointer' }}>
            <PlusOutlined />
            <div style={{ marginTop: 6, fontSize: 12 }}>{t('requests.photo.add')}</div>
          </button>
        )}
      </Upload>
      {preview && (
        <Image style={{ display: 'none' }} src={preview} preview={{ open: true, src: preview, onOpenChange: (open) => !open && setPreview(undefined) }} />
      )}
    </>
  );
}

/** The File objects of a PhotoPicker's value, for the multipart body. */
export function filesOf(list: UploadFile[] | undefined): File[] {
  return (list ?? []).map((f) => f.originFileObj).filter((f): f is NonNullable<typeof f> => !!f);
}
