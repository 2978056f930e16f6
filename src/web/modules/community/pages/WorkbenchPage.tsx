import { App, Button, Card, Col, Input, List, Progress, Row, Select, Skeleton, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { ApiError } from '../../../app/api';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { api } from '../../../app/api';
import { communityApi, fmtTime, type ActivityDetail, type Booking, type Venue } from '../api';
import { NewActivityModal, NewAnnouncementModal, useStaffCommunities } from '../components';

/** The rotating QR of an activity: fetched again when the server says the next code is due. */
function ActivityCode({ id, step }: { id: number; step: 'checkin' | 'checkout' }) {
  const [tick, setTick] = useState(0);
  const code = useApi((signal) => communityApi.code(id, step, signal), [id, step, tick]);
  useEffect(() => {
    if (!code.data) return;
    const ms = Math.max(1000, new Date(code.data.refreshAt).getTime() - Date.now());
    const timer = setTimeout(() => setTick((n) => n + 1), ms);
    return () => clearTimeout(timer);
  }, [code.data]);
  if (!code.data) return <Skeleton.Image active />;
  return <div data-testid="activity-qr" data-url={code.data.url} style={{ width: 260 }} dangerouslySetInnerHTML={{ __html: code.data.svg }} />;
}

function ActivityPanel({ id }: { id: number }) {
  const { message } = App.useApp();
  const [step, setStep] = useState<'checkin' | 'checkout'>('checkin');
  const [walkIn, setWalkIn] = useState('');
  const d = useApi((signal) => communityApi.activity(id, signal), [id]);
  if (!d.data) return <Skeleton active />;
  const a: ActivityDetail = d.data;
  const walk = async () => {
    try {
      await communityApi.checkIn(id, { name: walkIn });
      setWalkIn('');
      d.reload();
    } catch (err) { message.error(err instanceof ApiError ? err.message : String(err)); }
  };
  return (
    <Row gutter={16}>
      <Col span={8}>
        <Card title={a.title} size="small">
          <Space direction="vertical">
            <Select value={step} onChange={setStep} options={[{ value: 'checkin', label: '签到码' }, { value: 'checkout', label: '签退码' }]} />
            {a.abilities.manage && <ActivityCode id={id} step={step} />}
            <Typography.Text type="secondary">二维码每30秒更换，截图转发无效</Typography.Text>
            <Space.Compact><Input placeholder="现场登记姓名" value={walkIn} onChange={(e) => setWalkIn(e.target.value)} /><Button onClick={walk} disabled={!walkIn}>签到</Button></Space.Compact>
          </Space>
        </Card>
      </Col>
      <Col span={16}>
        <Space wrap style={{ marginBottom: 8 }}>
          <Tag color="red">已报名 {a.counts.seated}</Tag><Tag color="gold">待确认 {a.counts.offered}</Tag><Tag color="orange">候补 {a.counts.waiting}</Tag>
          <Tag color="green">签到 {a.counts.checkedIn}</Tag><Tag>签退 {a.counts.checkedOut}</Tag><Tag>缺席 {a.counts.noShows}</Tag>
        </Space>
        <Table size="small" rowKey="id" pagination={{ pageSize: 10 }} dataSource={a.signups}
          columns={[{ title: '序号', dataIndex: 'seq' }, { title: '姓名', dataIndex: 'name' }, { title: '状态', dataIndex: 'state' }, { title: '候补位次', dataIndex: 'position' }, { title: '身份', dataIndex: 'role' }]} />
      </Col>
    </Row>
  );
}

function ActivitiesTab() {
  const list = useApi((signal) => communityApi.activities({ upcoming: true }, signal), []);
  const venues = useApi((signal) => communityApi.venues(signal), []);
  const [selected, setSelected] = useState<number>();
  const [creating, setCreating] = useState(false);
  if (!list.data) return <Skeleton active />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Button type="primary" data-testid="new-activity" onClick={() => setCreating(true)}>新建活动</Button>
      {creating && <NewActivityModal venues={venues.data?.items ?? []} onClose={() => setCreating(false)} onDone={() => { setCreating(false); list.reload(); }} />}
      <Table size="small" rowKey="id" pagination={false} dataSource={list.data.items} onRow={(r) => ({ onClick: () => setSelected(r.id), style: { cursor: 'pointer' } })}
        columns={[{ title: '活动', dataIndex: 'title' }, { title: '时间', render: (_, r) => fmtTime(r.startsAt) }, { title: '地点', dataIndex: 'place' },
          { title: '名额', render: (_, r) => (r.capacity === null ? '不限' : `${r.seatsTaken}/${r.capacity}`) }, { title: '候补', dataIndex: 'waiting' }, { title: '签到', dataIndex: 'checkedIn' }]} />
      {selected && <ActivityPanel id={selected} />}
    </Space>
  );
}

const DAY = 86_400_000;
function VenuesTab() {
  const { message } = App.useApp();
  const venues = useApi((signal) => communityApi.venues(signal), []);
  const [venueId, setVenueId] = useState<number>();
  const from = useMemo(() => new Date(Math.floor(Date.now() / DAY) * DAY - 8 * 3600_000), []);
  const to = new Date(from.getTime() + 7 * DAY);
  const bookings = useApi((signal) => communityApi.bookings(venueId!, from.toISOString(), to.toISOString(), signal), [venueId], venueId !== undefined);
  if (!venues.data) return <Skeleton active />;
  const days = Array.from({ length: 7 }, (_, i) => new Date(from.getTime() + i * DAY));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Select style={{ width: 320 }} placeholder="选择房间" value={venueId} onChange={setVenueId} options={venues.data.items.map((v) => ({ value: v.id, label: `${v.compoundName ?? v.communityName} · ${v.name}` }))} />
      {venueId && <a href={`/api/venues/${venueId}/calendar.ics`}>订阅日历（ICS）</a>}
      {venueId && bookings.data && (
        <Row gutter={8} data-testid="venue-week">
          {days.map((d) => (
            <Col key={d.toISOString()} flex="1">
              <Card size="small" title={d.toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', weekday: 'short' })}>
                {bookings.data!.items.filter((b) => new Date(b.startsAt).getTime() >= d.getTime() && new Date(b.startsAt).getTime() < d.getTime() + DAY).map((b) => (
                  <div key={b.id} style={{ marginBottom: 6 }}>
                    <Tag color={b.state === 'pending' ? 'orange' : 'red'}>{fmtTime(b.startsAt).slice(-5)}–{fmtTime(b.endsAt).slice(-5)}</Tag>
                    <div>{b.purpose}（{b.holderName}）</div>
                    {b.abilities.approve && <Button size="small" onClick={async () => { try { await communityApi.approve(b.id, true); bookings.reload(); } catch (err) { message.error(String(err)); } }}>批准</Button>}
                  </div>
                ))}
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </Space>
  );
}

function AnnouncementsTab() {
  const list = useApi((signal) => communityApi.announcements(signal), []);
  const [creating, setCreating] = useState(false);
  if (!list.data) return <Skeleton active />;
  return (
    <>
    <Button type="primary" onClick={() => setCreating(true)}>发布公告</Button>
    {creating && <NewAnnouncementModal onClose={() => setCreating(false)} onDone={() => { setCreating(false); list.reload(); }} />}
    <List dataSource={list.data.items} renderItem={(a) => (
      <List.Item extra={a.audienceSize !== null && <Progress type="circle" size={56} percent={Math.round((a.readRate ?? 0) * 100)} />}>
        <List.Item.Meta title={<span>{a.level === 'urgent' && <Tag color="red">紧急</Tag>}{!a.published && <Tag>定时</Tag>}{a.title}</span>}
          description={`${fmtTime(a.publishAt)} · 已读 ${a.readCount ?? 0}/${a.audienceSize ?? 0}`} />
      </List.Item>
    )} />
    </>
  );
}

/** The day view: every room of a community with that day's bookings, side by side. */
function DayTab() {
  const communities = useStaffCommunities();
  const [communityId, setCommunityId] = useState<number | undefined>(communities[0]?.value);
  const [day, setDay] = useState(() => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }));
  const view = useApi((signal) => api.get<{ day: string; venues: { venue: Venue; bookings: Booking[] }[] }>('/api/venue-day', { communityId, day }, signal), [communityId, day], communityId !== undefined);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space><Select style={{ width: 220 }} value={communityId} onChange={setCommunityId} options={communities} /><Input type="date" value={day} onChange={(e) => setDay(e.target.value)} /></Space>
      {view.data && (
        <Row gutter={8} data-testid="venue-day">
          {view.data.venues.map(({ venue, bookings }) => (
            <Col key={venue.id} flex="1">
              <Card size="small" title={`${venue.compoundName ?? ''} ${venue.name}`} extra={<Typography.Text type="secondary">{venue.opensAt}–{venue.closesAt}</Typography.Text>}>
                {bookings.length === 0 && <Typography.Text type="secondary">空闲</Typography.Text>}
                {bookings.map((b) => <div key={b.id}><Tag color={b.state === 'pending' ? 'orange' : 'red'}>{fmtTime(b.startsAt).slice(-5)}–{fmtTime(b.endsAt).slice(-5)}</Tag>{b.purpose}</div>)}
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </Space>
  );
}

function ReceptionTab() {
  const list = useApi((signal) => communityApi.receptionDays(signal), []);
  if (!list.data) return <Skeleton active />;
  return (
    <List dataSource={list.data.items} renderItem={(d) => (
      <List.Item>
        <List.Item.Meta title={`${fmtTime(d.startsAt)} ${d.compoundName} · ${d.managerName}`} description={`${d.location} · 空闲时段 ${d.slots.filter((s) => s.free).length}/${d.slots.length}`} />
        <Space direction="vertical">{d.matters.map((m) => <span key={m.id}><Tag>{m.kind === 'walk_in' ? '现场' : '预约'}</Tag>{m.residentName}：{m.matter}{m.answer && <Typography.Text type="success"> → {m.answer}</Typography.Text>}{m.requestId && <Tag color="blue">工单 #{m.requestId}</Tag>}</span>)}</Space>
      </List.Item>
    )} />
  );
}

/** 社区生活 on the workbench: rooms, activities, announcements, reception days. */
export default function WorkbenchPage() {
  const { t } = useI18n();
  return (
    <Card variant="borderless" title={t('community.menu')}>
      <Tabs items={[
        { key: 'activities', label: t('community.activities'), children: <ActivitiesTab /> },
        { key: 'venues', label: t('community.venues'), children: <VenuesTab /> },
        { key: 'day', label: '房间日视图', children: <DayTab /> },
        { key: 'announcements', label: t('community.announcements'), children: <AnnouncementsTab /> },
        { key: 'reception', label: t('community.reception'), children: <ReceptionTab /> },
      ]} />
    </Card>
  );
}
