import { App, Form, Modal, Radio, Select, Upload } from 'antd';
import { CameraOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useErrorText } from '../../../app/components/Results';
import { useI18n } from '../../../app/i18n';
import { votesApi, type Answer, type BuildingCanvass, type VoteDetail } from '../api';

/** 录入纸质票: the committee enters an owner's signed paper ballot, with its photo. */
export function PaperBallotModal({ vote, buildings, open, onClose, onDone }: { vote: VoteDetail; buildings: BuildingCanvass[]; open: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<{ householdId: number; answers: Record<string, Answer> }>();
  const [photo, setPhoto] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const units = buildings.flatMap((b) => b.pendingUnits).filter((u) => u.householdId !== null);
  const submit = async (v: { householdId: number; answers: Record<string, Answer> }) => {
    if (!photo) return message.error(t('votes.paper.photo'));
    setBusy(true);
    try {
      const r = await votesApi.paper(vote.id, v.householdId, v.answers, photo);
      message.success(t('votes.paper.done', { receipt: r.receipt }));
      form.resetFields();
      setPhoto(null);
      onDone();
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={t('votes.paper.title')} onCancel={onClose} onOk={() => form.submit()} okText={t('votes.paper.submit')} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="householdId" label={t('votes.paper.unit')} rules={[{ required: true, message: t('votes.required') }]}>
          <Select showSearch optionFilterProp="label" data-testid="paper-unit" options={units.map((u) => ({ value: u.householdId!, label: u.label }))} />
        </Form.Item>
        {vote.matters.map((m) => (
          <Form.Item key={m.id} name={['answers', String(m.id)]} label={m.title} rules={[{ required: true, message: t('votes.ballot.incomplete') }]}>
            <Radio.Group optionType="button" buttonStyle="solid" options={(['agree', 'oppose', 'abstain'] as const).map((a) => ({ value: a, label: t(`votes.answer.${a}`) }))} />
          </Form.Item>
        ))}
        <Form.Item label={t('votes.paper.photo')} required>
          <Upload accept="image/*" maxCount={1} beforeUpload={(f) => { setPhoto(f); return false; }} onRemove={() => setPhoto(null)}>
            <a><CameraOutlined /> {t('votes.paper.pick')}</a>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}
