import { CheckOutlined, ToolOutlined } from '@ant-design/icons';
import { App, Button, Card, Input, Modal, Select, Space, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useErrorText } from '../../../app/components/Results';
import { useI18n } from '../../../app/i18n';
import { deliberationApi, type Decision } from '../api';

const stateColor = { open: 'default', in_progress: 'processing', done: 'success' } as const;

/** One decision with its owner, due date, spawned requests and follow-up timeline; the convener adds progress. */
export function DecisionCard({ decision, canFollow, canSpawn, onChange }: { decision: Decision; canFollow: boolean; canSpawn: boolean; onChange: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [note, setNote] = useState('');
  const [spawning, setSpawning] = useState(false);
  const [request, setRequest] = useState({ description: decision.title, locationKind: 'public_area' });
  const overdue = decision.state !== 'done' && dayjs(decision.dueDate).endOf('day').isBefore(dayjs());
  const run = async (fn: () => Promise<unknown>, ok?: string) => {
    try {
      await fn();
      if (ok) message.success(ok);
      setNote('');
      onChange();
    } catch (err) {
      message.error(errorText(err));
    }
  };
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid="decision"
      styles={{ header: { whiteSpace: 'normal', padding: '10px 12px' } }}
      title={<div>
        <Space wrap><Typography.Text strong>{decision.title}</Typography.Text><Tag color={stateColor[decision.state]}>{t(`deliberation.decision.${decision.state}`)}</Tag>{overdue && <Tag color="error">{t('deliberation.record.overdue')}</Tag>}</Space>
        <div><Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>{t('deliberation.record.owner')}：{decision.ownerName}（{t(`deliberation.side.${decision.ownerParty}`)}）· {t('deliberation.record.due')} {decision.dueDate}</Typography.Text></div>
      </div>}>
      {decision.requests.length > 0 && (
        <div style={{ marginBottom: 8 }}>{t('deliberation.record.requests')}：{decision.requests.map((r) => <Link key={r.requestId} to={`/requests/${r.requestId}`}><Tag>#{r.requestId} {r.state}</Tag></Link>)}</div>
      )}
      <Timeline style={{ marginTop: 8, marginBottom: 0 }} items={decision.progress.map((p) => ({ color: p.toState === 'done' ? 'green' : 'blue', children: <span><Typography.Text type="secondary">{dayjs(p.at).format('YYYY-MM-DD')}</Typography.Text> {p.note}</span> }))} />
      {canFollow && decision.state !== 'done' && (
        <Space.Compact style={{ width: '100%', marginTop: 4 }}>
          <Input value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('deliberation.follow.placeholder')} maxLength={2000} />
          <Button disabled={!note.trim()} onClick={() => void run(() => deliberationApi.follow(decision.id, note.trim(), false))}>{t('deliberation.follow.submit')}</Button>
          {decision.requests.length === 0 && <Button icon={<CheckOutlined />} disabled={!note.trim()} onClick={() => void run(() => deliberationApi.follow(decision.id, note.trim(), true))}>{t('deliberation.follow.done')}</Button>}
          {canSpawn && <Button icon={<ToolOutlined />} onClick={() => setSpawning(true)}>{t('deliberation.follow.spawn')}</Button>}
        </Space.Compact>
      )}
      <Modal open={spawning} title={t('deliberation.follow.spawn')} onCancel={() => setSpawning(false)} destroyOnHidden
        onOk={() => void run(async () => { const r = await deliberationApi.spawn(decision.id, request); setSpawning(false); message.success(t('deliberation.follow.spawned', { id: r.requestId })); })}>
        <Input.TextArea rows={3} value={request.description} onChange={(e) => setRequest({ ...request, description: e.target.value })} placeholder={t('deliberation.follow.spawnText')} />
        <Select style={{ marginTop: 8, width: 200 }} value={request.locationKind} onChange={(v) => setRequest({ ...request, locationKind: v })}
          options={['public_area', 'road', 'building', 'stairwell', 'garage', 'green_space', 'other'].map((k) => ({ value: k, label: k }))} />
      </Modal>
    </Card>
  );
}
