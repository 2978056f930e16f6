import { BulbOutlined, LinkOutlined, PhoneOutlined } from '@ant-design/icons';
import { Alert, Card, Descriptions, Empty, List, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { useNow } from '../../../app/useLiveEvents';
import { requestsApi } from '../api/requests';
import type { RequestDetail } from '../api/types';
import { PhotoGrid } from './PhotoGrid';
import { RequestTimeline } from './RequestTimeline';
import { SlaBadge } from './SlaBadge';
import { StaffActions } from './StaffActions';
import { StateTag } from './StateTag';
import { useCategoryName } from '../hooks/useCategoryName';
// 亮身份: a handler who is a registered party member shows their badge (the members module's component).
import { AccountMemberBadge } from '../../members/components';

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
          {r.priority === 'urgent' && <Tag color="red">{t('requests.common.urgent')}</Tag>}
          <SlaBadge request={r} now={now} />
        </Space>
      )}
      {r.masterRequestId && (
        <Alert type="info" showIcon title={t('requests.detail.followsMaster', { id: r.masterRequestId })}
          action={<Link to={`/requests/${r.masterRequestId}`}><LinkOutlined /> {t('requests.detail.viewMaster')}</Link>} />
      )}
      {r.abilities.dispatch && s && (
        <Alert type={s.categoryId ? 'success' : 'warning'} showIcon icon={<BulbOutlined />} title={t('requests.detail.classification')}
          description={s.categoryId ? (
            <>
              {t('requests.detail.classificationText', { words: s.matchedKeywords.join(sep), category: suggestedName ?? `#${s.categoryId}` })}
              {s.priority === 'urgent' && <Tag color="red" style={{ marginInlineStart: 8 }}>{t('requests.common.urgent')}</Tag>}
              {s.assigneeKind && <span style={{ marginInlineStart: 8 }}>{t('requests.detail.suggestAssignee', { kind: t(`requests.assignee.${s.assigneeKind}`) })}</span>}
            </>
          ) : t('requests.detail.classificationNone')} />
      )}
      <StaffActions request={r} abilities={r.abilities} onDone={onChanged} suggestedKind={s?.assigneeKind} />
      <Card size="small" variant="outlined">
        <Typography.Paragraph style={{ fontSize: 15, whiteSpace: 'pre-wrap', marginBottom: r.attachments.length ? 12 : 0 }}>{r.description}</Typography.Paragraph>
        <PhotoGrid photos={r.attachments} />
      </Card>
      <Descriptions size="small" column={2} bordered styles={{ label: { whiteSpace: 'nowrap', width: 96 } }} items={[
        { key: 'location', label: t('requests.detail.location'), span: 2, children: r.locationLabel },
        { key: 'reporter', label: t('requests.table.reporter'), children: <span>{r.reporter.name ?? t('common.none')}{r.reporter.phone && <Typography.Text type="secondary"> <PhoneOutlined /> {r.reporter.phone}</Typography.Text>}</span> },
        { key: 'household', label: t('requests.detail.household'), children: r.household?.label ?? t('common.none') },
        { key: 'filed', label: t('requests.detail.filedAt'), children: dayjs(r.createdAt).format('YYYY-MM-DD HH:mm') },
        { key: 'contact', label: t('requests.detail.contactTime'), children: r.contactTime || t('common.none') },
        { key: 'assignee', label: t('requests.detail.assignee'), children: r.assignee ? <>{`${r.assignee.name} · ${t(`requests.assignee.${r.assignee.kind}`)}`}{r.assignee.kind === 'grid_worker' && <div><AccountMemberBadge accountId={r.assignee.id} /></div>}</> : t('requests.detail.notAssigned') },
        { key: 'due', label: t('requests.sla.respondDue'), children: `${dayjs(r.respondDueAt).format('MM-DD HH:mm')} / ${t('requests.sla.resolveDue')} ${dayjs(r.resolveDueAt).format('MM-DD HH:mm')}` },
        ...(r.rating ? [{ key: 'rating', label: t('requests.detail.rating'), span: 2, children: <span>{'★'.repeat(r.rating)}{'☆'.repeat(5 - r.rating)} {r.ratingComment}</span> }] : []),
      ]} />
      {r.followers.length > 0 && (
        <Card size="small" title={t('requests.detail.followers', { count: r.followers.length })}>
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>{t('requests.detail.followersText', { count: r.followers.length + 1 })}</Typography.Paragraph>
          <Space wrap>{r.followers.map((f) => <Link key={f.requestId} to={`/requests/${f.requestId}`}><Tag>#{f.requestId} {f.reporterName ?? ''} · {dayjs(f.createdAt).format('MM-DD HH:mm')}</Tag></Link>)}</Space>
        </Card>
      )}
      {r.consultations.length > 0 && (
        <Card size="small" title={t('requests.detail.consultations')}>
          <List dataSource={r.consultations} renderItem={(c) => (
            <List.Item key={c.id}>
              <Descriptions size="small" column={1} items={[
                { key: 'when', label: t('requests.detail.heldAt'), children: `${dayjs(c.heldAt).format('YYYY-MM-DD HH:mm')}${c.place ? ` · ${c.place}` : ''}` },
                { key: 'who', label: t('requests.detail.attendees'), children: c.attendees.map((a) => `${a.name}（${t(`requests.side.${a.side}`)}${a.organisation ? ` · ${a.organisation}` : ''}）`).join(sep) },
                { key: 'decision', label: t('requests.detail.decision'), children: c.decision },
                ...(c.actions.length ? [{ key: 'tasks', label: t('requests.detail.tasks'), children: <div>{c.actions.map((a, i) => <div key={i}>{a.owner}：{a.task}（{dayjs(a.dueAt).format('MM-DD')}）</div>)}</div> }] : []),
              ]} />
            </List.Item>
          )} />
        </Card>
      )}
      <Card size="small" title={t('requests.detail.timeline')}>
        {r.timeline.length === 0 ? <Empty /> : <RequestTimeline entries={r.timeline} newestFirst />}
      </Card>
    </div>
  );
}
