import { Form, Input, Modal, type ButtonProps, type UploadFile } from 'antd';
import { useState } from 'react';
import { limits } from '../../../../shared/limits';
import { useErrorText } from '../../../app/components/Results';
import { useI18n } from '../../../app/i18n';
import { filesOf, PhotoPicker } from './PhotoPicker';

export interface NoteModalProps {
  open: boolean;
  title: string;
  label: string;
  placeholder?: string;
  required?: boolean;
  /** Adds a photo picker (resolve with photos). */
  withPhotos?: boolean;
  okText?: string;
  danger?: boolean;
  onSubmit: (note: string, photos: File[]) => Promise<unknown>;
  onClose: () => void;
}

/** A step that needs a sentence (return, progress, resolve, reopen, cancel, escalate). */
export function NoteModal({ open, title, label, placeholder, required = false, withPhotos = false, okText, danger, onSubmit, onClose }: NoteModalProps) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [form] = Form.useForm<{ note: string; photos?: UploadFile[] }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit(values.note?.trim() ?? '', filesOf(values.photos));
      form.resetFields();
      onClose();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      okButtonProps={{ danger, loading: busy, 'data-testid': 'note-ok' } as ButtonProps}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      width={520}
    >
      <Form form={form} layout="vertical" preserve={false} requiredMark={required ? undefined : false}>
        <Form.Item name="note" label={label} rules={required ? [{ required: true, whitespace: true, message: t('requests.step.noteRequired') }] : []}>
          <Input.TextArea autoFocus rows={3} maxLength={limits.noteMax} showCount placeholder={placeholder} />
        </Form.Item>
        {withPhotos && (
          <Form.Item name="photos" label={t('requests.step.resolvePhotos')} valuePropName="value">
            <PhotoPicker />
          </Form.Item>
        )}
      </Form>
      {error && <div role="alert" style={{ color: '#cf1322' }}>{error}</div>}
    </Modal>
  );
}
