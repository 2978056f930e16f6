import { BulbOutlined, LinkOutlined, PhoneOutlined } from '@ant-design/icons';
import { Alert, Card, Descriptions, Empty, List, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { requestsApi } from '../api/requests';
import type { RequestDetail } from '../api/types';
import { useNow } from '../hooks/useLiveEvents';
import { PhotoGrid } from './PhotoGrid';
import { RequestTimeline } from './RequestTimeline';
import { SlaBadge } from './SlaBadge';
import { StaffActions } from './StaffActions';
import { StateTag } from './StateTag';
import { useCategoryName } from '../hooks/useCategoryName';

/** Everything staff need about one request, with the steps they may take. Used by the drawer and the page. */
export function RequestDetailPanel({ request: r, onChanged, showTitle = true }: { request: RequestDetail; onChanged: () => void; showTitle?: boolean }) {
  const { t, locale } = useI18n();
  const categoryName = useCategoryName();
  const now = useNow(5000);
  const suggestion = useApi((signal) => requestsApi.classify(r.description, signal), [r.id], r.abilities.dispatch);
  const categories = useApi((signal) => requestsApi.categories(signal), [], r.abilities.dispatch);
  const s = suggestion.data;
  const suggestedName = s?.categoryId ? categories.data?.find((c) => c.id === s.categoryId)?.name : undefined;
  const sep = locale === 'zh-CN' ? '、' : ', ';

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }} data-testid="request-detail" data-request-id={r.id} data-state={r.state}>
      {showTitle && (
        <Space size={8} wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>#{r.id} {categoryName(r.category)}</Typography.Title>
          <StateTag state={r.state} />
          {r.priority === 'urgent' && <Tag color="red">{t('requests.urgent')}</Tag>}
          <SlaBadge request={r} now={now} />
        </Space>
      )}
      {r.masterRequestId && (
        <Alert type="info" showIcon title={t('requests.followsMaster', { id: r.masterRequestId })}
          action={<Link to={`/requests/${r.masterRequestId}`}><LinkOutlined /> {t('requests.viewMaster')}</Link>} />
      )}
      {r.abilities.dispatch && s && (
        <Alert type={s.categoryId ? 'success' : 'warning'} showIcon icon={<BulbOutlined />} title={t('staff.classification')}
          description={s.categoryId ? (
            <>
              {t('staff.classificationText', { words: s.matchedKeywords.join(sep), category: suggestedName ?? `#${s.categoryId}` })}
              {s.priority === 'urgent' && <Tag color="red" style={{ marginInlineStart: 8 }}>{t('requests.urgent')}</Tag>}
              {s.assigneeKind && <span style={{ marginInlineStart: 8 }}>{t('staff.suggestAssignee', { kind: t(`assignee.${s.assigneeKind}`) })}</span>}
            </>
          ) : t('staff.classificationNone')} />
      )}
      <StaffActions request={r} abilities={r.abilities} onDone={onChanged} suggestedKind={s?.assigneeKind} />
      <Card size="small" variant="outlined">
        <Typography.Paragraph style={{ fontSize: 15, whiteSpace: 'pre-wrap', marginBottom: r.attachments.length ? 12 : 0 }}>{r.description}</Typography.Paragraph>
        <PhotoGrid photos={r.attachments} />
      </Card>
      <Descriptions size="small" column={2} bordered styles={{ label: { whiteSpace: 'nowrap', width: 96 } }} items={[
        { key: 'location', label: t('requests.location'), span: 2, children: r.locationLabel },
        { key: 'reporter', label: t('col.reporter'), children: <span>{r.reporter.name ?? t('common.none')}{r.reporter.phone && <Typography.Text type="secondary"> <PhoneOutlined /> {r.reporter.phone}</Typography.Text>}</span> },
        { key: 'household', label: t('requests.household'), children: r.household?.label ?? t('common.none') },
        { key: 'filed', label: t('requests.filedAt'), children: dayjs(r.createdAt).format('YYYY-MM-DD HH:mm') },
        { key: 'contact', label: t('requests.contactTimeLabel'), children: r.contactTime || t('common.none') },
        { key: 'assignee', label: t('requests.assignee'), children: r.assignee ? `${r.assignee.name} · ${t(`assignee.${r.assignee.kind}`)}` : t('requests.notAssigned') },
        { key: 'due', label: t('sla.respondDue'), children: `${dayjs(r.respondDueAt).format('MM-DD HH:mm')} / ${t('sla.resolveDue')} ${dayjs(r.resolveDueAt).format('MM-DD HH:mm')}` },
        ...(r.rating ? [{ key: 'rating', label: t('requests.rating'), span: 2, children: <span>{'★'.repeat(r.rating)}{'☆'.repeat(5 - r.rating)} {r.ratingComment}</span> }] : []),
      ]} />
      {r.followers.length > 0 && (
        <Card size="small" title={t('requests.followers', { count: r.followers.length })}>
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>{t('requests.followersText', { count: r.followers.length + 1 })}</Typography.Paragraph>
          <Space wrap>{r.followers.map((f) => <Link key={f.requestId} to={`/requests/${f.requestId}`}><Tag>#{f.requestId} {f.reporterName ?? ''} · {dayjs(f.createdAt).format('MM-DD HH:mm')}</Tag></Link>)}</Space>
        </Card>
      )}
      {r.consultations.length > 0 && (
        <Card size="small" title={t('staff.consultations')}>
          <List dataSource={r.consultations} renderItem={(c) => (
            <List.Item key={c.id}>
              <Descriptions size="small" column={1} items={[
                { key: 'when', label: t('staff.heldAt'), children: `${dayjs(c.heldAt).format('YYYY-MM-DD HH:mm')}${c.place ? ` · ${c.place}` : ''}` },
                { key: 'who', label: t('staff.attendees'), children: c.attendees.map((a) => `${a.name}（${t(`side.${a.side}`)}${a.organisation ? ` · ${a.organisation}` : ''}）`).join(sep) },
                { key: 'decision', label: t('staff.decision'), children: c.decision },
                ...(c.actions.length ? [{ key: 'tasks', label: t('staff.tasks'), children: <div>{c.actions.map((a, i) => <div key={i}>{a.owner}：{a.task}（{dayjs(a.dueAt).format('MM-DD')}）</div>)}</div> }] : []),
              ]} />
            </List.Item>
          )} />
        </Card>
      )}
      <Card size="small" title={t('requests.timeline')}>
        {r.timeline.length === 0 ? <Empty /> : <RequestTimeline entries={r.timeline} newestFirst />}
      </Card>
    </div>
  );
}
