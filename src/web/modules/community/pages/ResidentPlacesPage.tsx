import { App, Button, Card, DatePicker, Input, Select, Skeleton, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError, api } from '../../../app/api';
import { useApi } from '../../../app/useApi';
import { communityApi, fmtTime, type Venue } from '../api';

/** Book a room of one's community on the phone: the slot is refused if anyone holds part of it. */
function BookRoom({ venues }: { venues: Venue[] }) {
  const { message } = App.useApp();
  const [venueId, setVenueId] = useState<number>();
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [purpose, setPurpose] = useState('');
  const submit = async () => {
    try {
      const b = await api.post<{ state: string }>(`/api/venues/${venueId}/bookings`, { startsAt: range![0].format(), endsAt: range![1].format(), purpose });
      message.success(b.state === 'pending' ? '已提交，待社区审核' : '预约成功');
      setPurpose('');
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <Card size="small" title="预约红色阵地">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Select style={{ width: '100%' }} placeholder="选择房间" value={venueId} onChange={setVenueId}
          options={venues.filter((v) => v.abilities.book).map((v) => ({ value: v.id, label: `${v.name}（${v.opensAt}–${v.closesAt}${v.requiresApproval ? '，需审核' : ''}）` }))} />
        <DatePicker.RangePicker showTime={{ format: 'HH:mm', minuteStep: 15 }} format="MM-DD HH:mm" value={range} onChange={(v) => setRange(v as [Dayjs, Dayjs] | null)} style={{ width: '100%' }} />
        <Input placeholder="用途，如：舞蹈排练" value={purpose} onChange={(e) => setPurpose(e.target.value)} />
        <Button type="primary" block disabled={!venueId || !range || !purpose} onClick={submit}>提交预约</Button>
      </Space>
    </Card>
  );
}

/** Rooms and 物业经理接待日 on the phone: book a room, book a reception slot, read published answers. */
export default function ResidentPlacesPage() {
  const { message } = App.useApp();
  const venues = useApi((signal) => communityApi.venues(signal), []);
  const days = useApi((signal) => communityApi.receptionDays(signal), []);
  const [matter, setMatter] = useState('');
  if (!venues.data || !days.data) return <Skeleton active />;
  const book = async (dayId: number, slotAt: string) => {
    try {
      await api.post(`/api/reception-days/${dayId}/matters`, { slotAt, matter });
      message.success('已预约接待时段');
      setMatter('');
      days.reload();
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      <BookRoom venues={venues.data.items} />
      {days.data.items.map((d) => (
        <Card key={d.id} size="small" title={`物业经理接待日 · ${fmtTime(d.startsAt)}`}>
          <Typography.Paragraph type="secondary">{d.compoundName} · {d.managerName} · {d.location}</Typography.Paragraph>
          {new Date(d.endsAt) > new Date() && d.abilities.book && (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Input.TextArea rows={2} placeholder="想反映的事项" value={matter} onChange={(e) => setMatter(e.target.value)} />
              <Space wrap>{d.slots.map((s) => <Button key={s.at} size="small" disabled={!s.free || !matter} onClick={() => book(d.id, s.at)}>{fmtTime(s.at).slice(-5)}</Button>)}</Space>
            </Space>
          )}
          {d.matters.filter((m) => m.answer).map((m) => <div key={m.id} style={{ marginTop: 8 }}><Tag>{m.residentName}</Tag>{m.matter}<br /><Typography.Text type="success">答复：{m.answer}</Typography.Text></div>)}
        </Card>
      ))}
    </Space>
  );
}
