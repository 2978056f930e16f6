import { EyeInvisibleOutlined, EyeOutlined, HistoryOutlined } from '@ant-design/icons';
import { App, Button, Input, List, Modal, Popover, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useErrorText } from '../../../app/components/Results';
import { useI18n } from '../../../app/i18n';
import { deliberationApi, type Opinion, type Stance, type TopicDetail } from '../api';

export const stanceColor: Record<Stance, string> = { support: 'green', oppose: 'red', suggestion: 'gold' };

/** The opinions of a topic; moderators hide or restore one (the original stays in its history). */
export function OpinionList({ topic, onChange }: { topic: TopicDetail; onChange: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [hiding, setHiding] = useState<Opinion | null>(null);
  const [reason, setReason] = useState('');
  const moderate = async (o: Opinion, action: 'hide' | 'restore', why: string) => {
    try {
      await deliberationApi.moderate(topic.id, o.id, action, why);
      setHiding(null);
      setReason('');
      onChange();
    } catch (err) {
      message.error(errorText(err));
    }
  };
  return (
    <>
      <List dataSource={topic.opinions} data-testid="opinions" renderItem={(o) => (
        <List.Item actions={topic.abilities.moderate ? [
          o.history && <Popover key="h" title={t('deliberation.topic.history')} content={<div style={{ maxWidth: 360 }}>{o.history.map((h) => <div key={h.version}><Tag>{h.action}</Tag>{dayjs(h.at).format('MM-DD HH:mm')} {h.body}{h.reason ? `（${h.reason}）` : ''}</div>)}</div>}><Button size="small" type="text" icon={<HistoryOutlined />} /></Popover>,
          o.hidden ? <Button key="r" size="small" icon={<EyeOutlined />} onClick={() => void moderate(o, 'restore', '复核后恢复显示')}>{t('deliberation.topic.restore')}</Button>
            : <Button key="x" size="small" danger icon={<EyeInvisibleOutlined />} onClick={() => setHiding(o)}>{t('deliberation.topic.hide')}</Button>,
        ] : undefined}>
          <List.Item.Meta
            title={<Space><Tag color={stanceColor[o.stance]}>{t(`deliberation.stance.${o.stance}`)}</Tag><Typography.Text>{o.author}</Typography.Text>
              {o.edited && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('deliberation.topic.edited')}</Typography.Text>}
              {o.mine && <Tag color="blue">{t('deliberation.topic.mine')}</Tag>}</Space>}
            description={o.hidden && o.body === null ? <Typography.Text type="secondary" italic>{t('deliberation.topic.hidden', { reason: o.moderationReason ?? '' })}</Typography.Text>
              : <Typography.Text delete={o.hidden} type={o.hidden ? 'secondary' : undefined}>{o.body}</Typography.Text>} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{dayjs(o.updatedAt).format('MM-DD HH:mm')}</Typography.Text>
        </List.Item>
      )} />
      <Modal open={!!hiding} title={t('deliberation.topic.hide')} onCancel={() => setHiding(null)} okButtonProps={{ disabled: reason.trim().length < 2 }} onOk={() => hiding && void moderate(hiding, 'hide', reason.trim())}>
        <Typography.Paragraph type="secondary">{hiding?.body}</Typography.Paragraph>
        <Input value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('deliberation.topic.reason')} maxLength={200} />
      </Modal>
    </>
  );
}
