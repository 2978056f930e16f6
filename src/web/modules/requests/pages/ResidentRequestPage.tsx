import { EnvironmentOutlined, PhoneOutlined, ShopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Form, Input, Rate, Skeleton, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { limits } from '../../../../shared/limits';
import { ApiErrorResult, NotFoundResult, useErrorText } from '../../../app/components/Results';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { useIdParam } from '../../../app/useIdParam';
import { useLiveEvents, useNow } from '../../../app/useLiveEvents';
import { requestsApi } from '../api/requests';
import type { RequestDetail } from '../api/types';
import { NoteModal } from '../components/NoteModal';
import { PhotoGrid } from '../components/PhotoGrid';
import { RequestTimeline } from '../components/RequestTimeline';
import { SlaBadge } from '../components/SlaBadge';
import { StateTag } from '../components/StateTag';
import { useCategoryName } from '../hooks/useCategoryName';

/** 确认并评价: the resident closes a resolved request with 1–5 stars, or sends it back. */
function ConfirmPanel({ request, onDone, onReopen }: { request: RequestDetail; onDone: () => void; onReopen: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<{ rating: number; comment?: string }>();
  const [busy, setBusy] = useState(false);
  const rating = Form.useWatch('rating', form);
  const submit = async (v: { rating: number; comment?: string }) => {
    setBusy(true);
    try {
      await requestsApi.confirm(request.id, v.rating, v.comment?.trim());
      message.success(t('requests.common.done'));
      onDone();
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const labels = [1, 2, 3, 4, 5].map((n) => t(`requests.mine.rate${n}`));
  return (
    <Card variant="borderless" size="small" className="gz-req-confirm" data-testid="confirm-panel">
      <Typography.Title level={5} style={{ marginTop: 0 }}>{t('requests.mine.resolvedAsk')}</Typography.Title>
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)}>
        <Form.Item name="rating" rules={[{ required: true, message: t('requests.mine.ratingRequired') }]} style={{ marginBottom: 4 }}>
          <Rate style={{ fontSize: 34, display: 'flex', justifyContent: 'center' }} tooltips={labels} />
        </Form.Item>
        <div style={{ textAlign: 'center', minHeight: 22, color: '#d46b08', marginBottom: 8 }}>{rating ? labels[rating - 1] : ''}</div>
        <Form.Item name="comment" style={{ marginBottom: 12 }}>
          <Input.TextArea rows={2} maxLength={limits.noteMax} placeholder={t('requests.mine.commentPlaceholder')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="confirm-submit">{t('requests.mine.confirm')}</Button>
        {request.abilities.reopen && <Button type="link" block danger onClick={onReopen} style={{ marginTop: 4 }} data-testid="reopen">{t('requests.mine.reopen')}</Button>}
      </Form>
    </Card>
  );
}

/** 诉求详情 on the phone: where it stands, who handles it, every step, and what I can do. */
export default function ResidentRequestPage() {
  const id = useIdParam('id');
  const { t } = useI18n();
  const categoryName = useCategoryName();
  const now = useNow(15_000);
  const [dialog, setDialog] = useState<'reopen' | 'cancel' | null>(null);
  const detail = useApi((signal) => requestsApi.get(id!, signal), [id], id !== null);
  const masterId = detail.data?.masterRequestId ?? null;
  // A merged request follows its master: show the master's steps when the server lets us see them.
  const master = useApi((signal) => requestsApi.get(masterId!, signal), [masterId], masterId !== null);
  useLiveEvents(['request.updated'], (_, data) => {
    if (data.requestId === id) detail.reload();
    if (data.requestId === masterId) master.reload();
  }, id !== null);

  if (id === null) return <NotFoundResult home="/m" />;
  if (detail.error && !detail.data) return <ApiErrorResult error={detail.error} onRetry={detail.reload} />;
  const r = detail.data?.id === id ? detail.data : undefined;
  if (!r) return <Skeleton active paragraph={{ rows: 8 }} />;

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }} data-testid="resident-request" data-state={r.state}>
      <section className="gz-req-head">
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <span style={{ fontSize: 13, opacity: 0.85 }}>#{r.id} · {dayjs(r.createdAt).format('YYYY-MM-DD HH:mm')}</span>
          <StateTag state={r.state} />
        </div>
        <div style={{ fontSize: 21, fontWeight: 700, margin: '6px 0 2px' }}>
          {categoryName(r.category)}
          {r.priority === 'urgent' && <Tag color="gold" style={{ marginInlineStart: 8, verticalAlign: 'middle' }}>{t('requests.common.urgent')}</Tag>}
        </div>
        <div style={{ fontSize: 13, opacity: 0.9 }}><EnvironmentOutlined /> {r.locationLabel}</div>
        <div style={{ marginTop: 10, background: '#fff', borderRadius: 8, padding: '6px 10px', display: 'inline-block' }}>
          <SlaBadge request={r} now={now} />
        </div>
      </section>

      {r.masterRequestId && (
        <Alert type="info" showIcon title={t('requests.detail.followsMaster', { id: r.masterRequestId })} />
      )}
      {r.followers.length > 0 && <Alert type="info" showIcon title={t('requests.detail.followersText', { count: r.followers.length + 1 })} />}

      {r.abilities.confirm && <ConfirmPanel request={r} onDone={detail.reload} onReopen={() => setDialog('reopen')} />}
      {r.rating !== null && (
        <Card variant="borderless" size="small" title={t('requests.mine.yourRating')}>
          <Rate disabled value={r.rating} />
          {r.ratingComment && <Typography.Paragraph style={{ margin: '6px 0 0' }}>{r.ratingComment}</Typography.Paragraph>}
        </Card>
      )}

      <Card variant="borderless" size="small">
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', fontSize: 15 }}>{r.description}</Typography.Paragraph>
        <PhotoGrid photos={r.attachments} size={96} />
        <Descriptions size="small" column={1} style={{ marginTop: 12 }} items={[
          { key: 'assignee', label: t('requests.detail.assignee'), children: r.assignee ? <span><ShopOutlined /> {r.assignee.name}</span> : t('requests.detail.notAssigned') },
          ...(r.contactTime ? [{ key: 'contact', label: t('requests.detail.contactTime'), children: <span><PhoneOutlined /> {r.contactTime}</span> }] : []),
          ...(r.reopenCount > 0 ? [{ key: 'reopen', label: t('requests.timeline.action.reopen'), children: t('requests.mine.reopenCount', { count: r.reopenCount }) }] : []),
        ]} />
      </Card>

      {master.data && master.data.id === masterId && (
        <Card variant="borderless" size="small" title={<Space>{t('requests.detail.viewMaster')} #{master.data.id}<StateTag state={master.data.state} /></Space>}>
          <RequestTimeline entries={master.data.timeline} newestFirst />
        </Card>
      )}

      <Card variant="borderless" size="small" title={t('requests.detail.timeline')}>
        <RequestTimeline entries={r.timeline} newestFirst />
      </Card>

      {r.abilities.cancel && (
        <Button block danger type="text" onClick={() => setDialog('cancel')} data-testid="cancel-request">{t('requests.mine.cancel')}</Button>
      )}

      <NoteModal open={dialog === 'reopen'} title={t('requests.mine.reopenTitle')} label={t('requests.common.reason')} placeholder={t('requests.mine.reopenPlaceholder')} required
        onSubmit={(note) => requestsApi.reopen(r.id, note).then(detail.reload)} onClose={() => setDialog(null)} />
      <NoteModal open={dialog === 'cancel'} title={t('requests.mine.cancelTitle')} label={t('requests.common.reason')} placeholder={t('requests.common.cancelPlaceholder')} required danger
        onSubmit={(note) => requestsApi.cancel(r.id, note).then(detail.reload)} onClose={() => setDialog(null)} />
    </div>
  );
}
