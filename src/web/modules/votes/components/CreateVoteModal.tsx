import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, Modal, Radio, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useErrorText } from '../../../app/components/Results';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { votesApi, type MatterClass } from '../api';

interface Values { communityId: number; compoundId: number; title: string; description?: string; endsAt: Dayjs; countParking: boolean; matters: { title: string; class: MatterClass }[] }

/** 发起表决: a draft with its matters; the electorate is fixed only when it opens. */
export function CreateVoteModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (id: number) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const communityId = Form.useWatch('communityId', form);
  const communities = useApi((s) => votesApi.communities(s), [], open);
  const compounds = useApi((s) => votesApi.compounds(communityId!, s), [communityId], open && !!communityId);
  const submit = async (v: Values) => {
    setBusy(true);
    try {
      const created = await votesApi.create({ compoundId: v.compoundId, title: v.title, description: v.description, endsAt: v.endsAt.format(), countParking: v.countParking, matters: v.matters });
      onCreated(created.id);
      form.resetFields();
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const required = [{ required: true, message: t('votes.required') }];
  return (
    <Modal open={open} title={t('votes.create.title')} onCancel={onClose} width={720} okText={t('votes.create.submit')} confirmLoading={busy} onOk={() => form.submit()} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ countParking: false, endsAt: dayjs().add(14, 'day').hour(20).minute(0), matters: [{ title: '', class: 'ordinary' }] }}>
        <Form.Item label={t('votes.create.community')} name="communityId" rules={required} style={{ display: 'inline-block', width: 'calc(50% - 8px)', marginRight: 16 }}>
          <Select data-testid="vote-community" options={(communities.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} loading={communities.loading} onChange={() => form.setFieldValue('compoundId', undefined)} />
        </Form.Item>
        <Form.Item label={t('votes.create.compound')} name="compoundId" rules={required} style={{ display: 'inline-block', width: 'calc(50% - 8px)' }}>
          <Select data-testid="vote-compound" options={(compounds.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} loading={compounds.loading} />
        </Form.Item>
        <Form.Item label={t('votes.create.voteTitle')} name="title" rules={required}><Input data-testid="vote-title" maxLength={120} /></Form.Item>
        <Form.Item label={t('votes.create.description')} name="description"><Input.TextArea rows={3} maxLength={4000} /></Form.Item>
        <Form.Item label={t('votes.create.endsAt')} name="endsAt" rules={required} style={{ display: 'inline-block', width: 'calc(50% - 8px)', marginRight: 16 }}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label={t('votes.create.countParking')} name="countParking" valuePropName="checked" style={{ display: 'inline-block', width: 'calc(50% - 8px)' }}><Switch /></Form.Item>
        <Form.List name="matters">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <div key={f.key} style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
                  <Form.Item name={[f.name, 'title']} label={i === 0 ? t('votes.create.matters') : undefined} rules={required} style={{ flex: 1 }}>
                    <Input data-testid={`matter-title-${i}`} placeholder={t('votes.create.matter')} maxLength={200} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'class']} label={i === 0 ? ' ' : undefined} rules={required}>
                    <Radio.Group optionType="button" data-testid={`matter-class-${i}`} options={(['ordinary', 'special'] as const).map((c) => ({ value: c, label: t(`votes.class.${c}`), title: t(`votes.classHint.${c}`) }))} />
                  </Form.Item>
                  {fields.length > 1 && <MinusCircleOutlined style={{ marginTop: i === 0 ? 38 : 8 }} onClick={() => remove(f.name)} />}
                </div>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ title: '', class: 'ordinary' })} block>{t('votes.create.addMatter')}</Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
