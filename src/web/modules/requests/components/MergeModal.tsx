import { Empty, Form, Input, Modal, Radio, Skeleton, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { limits } from '../../../../shared/limits';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { requestsApi } from '../api/requests';
import type { RequestSummary } from '../api/types';
import { StateTag } from './StateTag';
import { useModalSubmit } from '../hooks/useModalSubmit';

/** 合并: pick the master among the candidates the server offers. */
export function MergeModal({ request, open, onClose, onDone }: { request: RequestSummary; open: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ masterId: number; note?: string }>();
  const { busy, run } = useModalSubmit(() => { onDone(); onClose(); });
  // The server applies the merge rule (same compound and category, open, last 48 h, not merged).
  const candidates = useApi((signal) => requestsApi.mergeCandidates(request.id, signal), [request.id], open);
  const masters = candidates.data?.items ?? [];

  const submit = async () => {
    const v = await form.validateFields();
    await run(async () => {
      await requestsApi.merge(request.id, v.masterId, v.note?.trim());
      return t('requests.common.done');
    });
  };

  return (
    <Modal open={open} title={`${t('requests.merge.title')} · #${request.id}`} okText={t('requests.step.merge')} okButtonProps={{ loading: busy, disabled: masters.length === 0 }}
      onOk={() => void submit()} onCancel={onClose} destroyOnHidden width={600}>
      <Typography.Paragraph type="secondary">{t('requests.merge.intro')}</Typography.Paragraph>
      {candidates.loading && !candidates.data ? <Skeleton active /> : masters.length === 0 ? <Empty description={t('requests.merge.none')} /> : (
        <Form form={form} layout="vertical">
          <Form.Item name="masterId" label={t('requests.merge.master')} rules={[{ required: true, message: t('requests.merge.masterRequired') }]}>
            <Radio.Group style={{ width: '100%' }}>
              <Space orientation="vertical" style={{ width: '100%' }}>
                {masters.map((m) => (
                  <Radio key={m.id} value={m.id} style={{ alignItems: 'flex-start' }}>
                    <div>
                      <Space size={6}><b>#{m.id}</b><StateTag state={m.state} /><Typography.Text type="secondary">{dayjs(m.createdAt).format('MM-DD HH:mm')}</Typography.Text>
                        {m.followerCount > 0 && <Typography.Text type="secondary">{t('requests.detail.followers', { count: m.followerCount })}</Typography.Text>}</Space>
                      <div style={{ color: 'rgba(0,0,0,0.65)' }}>{m.locationLabel} · {m.description}</div>
                    </div>
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="note" label={t('requests.step.note')} style={{ marginBottom: 0 }}>
            <Input.TextArea rows={2} maxLength={limits.noteMax} placeholder={t('requests.step.notePlaceholder')} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
