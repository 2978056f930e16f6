import { App, Button, Card, Col, DatePicker, Descriptions, Form, Input, InputNumber, List, Row, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link } from 'react-router-dom';
import { PageHeading } from '../../../app/components/PageHeading';
import { ApiErrorResult, NotFoundResult, useErrorText } from '../../../app/components/Results';
import { PageSkeleton } from '../../../app/components/PageSkeleton';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { useIdParam } from '../../../app/useIdParam';
import { deliberationApi, sides, type MeetingDetail, type Side } from '../api';
import { DecisionCard } from '../components/DecisionCard';

function MinutesForm({ meeting, onDone }: { meeting: MeetingDetail; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const sideByName = new Map(sides.map((s) => [t(`deliberation.side.${s}`), s]));
  const submit = async (v: { minutes: string; heldAt: Dayjs; attendees?: string; otherAttendance?: number }) => {
    const attendees = (v.attendees ?? '').split('\n').map((l) => l.trim()).filter(Boolean).map((l) => {
      const [name, side] = l.split(/[,，、\s]+/);
      return { name: name!, side: (sideByName.get(side ?? '') ?? 'resident') as Side };
    });
    try {
      await deliberationApi.minutes(meeting.id, { minutes: v.minutes, heldAt: v.heldAt.format(), attendees, otherAttendance: v.otherAttendance ?? 0 });
      onDone();
    } catch (err) {
      message.error(errorText(err));
    }
  };
  return (
    <Card title={t('deliberation.minutes.title')} style={{ marginBottom: 16 }}>
      <Form layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ heldAt: dayjs(meeting.scheduledAt), otherAttendance: 0 }}>
        <Form.Item name="heldAt" label={t('deliberation.minutes.heldAt')} rules={[{ required: true }]}><DatePicker showTime format="YYYY-MM-DD HH:mm" /></Form.Item>
        <Form.Item name="minutes" label={t('deliberation.minutes.text')} rules={[{ required: true, message: t('deliberation.required') }]}><Input.TextArea rows={5} data-testid="minutes-text" /></Form.Item>
        <Form.Item name="attendees" label={t('deliberation.minutes.attendees')} extra={t('deliberation.minutes.attendeesHint')}><Input.TextArea rows={4} placeholder={'李红梅,党组织\n孙卫东,业委会'} data-testid="minutes-attendees" /></Form.Item>
        <Form.Item name="otherAttendance" label={t('deliberation.minutes.others')}><InputNumber min={0} max={100000} data-testid="minutes-others" /></Form.Item>
        <Button type="primary" htmlType="submit" data-testid="minutes-submit">{t('deliberation.minutes.submit')}</Button>
      </Form>
    </Card>
  );
}

function DecisionForm({ meeting, onDone }: { meeting: MeetingDetail; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm();
  const submit = async (v: { title: string; ownerName: string; ownerParty: Side; dueDate: Dayjs }) => {
    try {
      await deliberationApi.decide(meeting.id, { ...v, dueDate: v.dueDate.format('YYYY-MM-DD') });
      form.resetFields();
      onDone();
    } catch (err) {
      message.error(errorText(err));
    }
  };
  const required = [{ required: true, message: t('deliberation.required') }];
  return (
    <Card size="small" title={t('deliberation.decide.title')} style={{ marginBottom: 12 }}>
      <Form form={form} layout="inline" onFinish={(v) => void submit(v)} initialValues={{ ownerParty: 'residents_committee', dueDate: dayjs().add(30, 'day') }} style={{ rowGap: 8 }}>
        <Form.Item name="title" rules={required} style={{ width: '100%' }}><Input placeholder={t('deliberation.decide.what')} maxLength={200} data-testid="decision-title" /></Form.Item>
        <Form.Item name="ownerName" rules={required}><Input placeholder={t('deliberation.decide.owner')} maxLength={60} data-testid="decision-owner" /></Form.Item>
        <Form.Item name="ownerParty"><Select style={{ width: 130 }} options={sides.map((s) => ({ value: s, label: t(`deliberation.side.${s}`) }))} /></Form.Item>
        <Form.Item name="dueDate" rules={required}><DatePicker placeholder={t('deliberation.decide.due')} /></Form.Item>
        <Button type="primary" htmlType="submit" data-testid="decision-submit">{t('deliberation.decide.submit')}</Button>
      </Form>
    </Card>
  );
}

/** The public record of a meeting: agenda, invited parties, attendance, minutes, decisions and their progress. */
export default function MeetingPage() {
  const id = useIdParam('id');
  const { t } = useI18n();
  const meeting = useApi((s) => deliberationApi.meeting(id!, s), [id], id !== null);
  if (meeting.error) return meeting.error.status === 404 ? <NotFoundResult /> : <ApiErrorResult error={meeting.error} onRetry={meeting.reload} />;
  if (!meeting.data) return <PageSkeleton />;
  const m = meeting.data;
  const named = Object.values(m.attendanceBySide).reduce((a, b) => a + b, 0);
  return (
    <>
      <PageHeading crumbs={[{ title: t('deliberation.meetings.title'), to: '/deliberation/meetings' }]} title={m.title}
        tags={<Space><Tag color="red">{t(`deliberation.type.${m.type}`)}</Tag><Tag color={m.state === 'held' ? 'success' : 'processing'}>{t(`deliberation.meeting.${m.state}`)}</Tag></Space>}
        subtitle={<Space split="·"><span>{dayjs(m.heldAt ?? m.scheduledAt).format('YYYY-MM-DD HH:mm')}</span><span>{m.location}</span>{m.state === 'held' && <span data-testid="attendance">{t('deliberation.record.attendance', { n: m.attendance })}</span>}</Space>} />
      <Row gutter={16}>
        <Col xs={24} lg={9}>
          <Card style={{ marginBottom: 16 }}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('deliberation.record.invited')}>{m.invitedParties.map((p) => <Tag key={p}>{t(`deliberation.side.${p}`)}</Tag>)}{m.invitedOthers}</Descriptions.Item>
              {m.state === 'held' && <Descriptions.Item label={t('deliberation.col.attendance')}>{Object.entries(m.attendanceBySide).map(([s, n]) => <Tag key={s}>{t(`deliberation.side.${s}`)} {n}</Tag>)}
                {m.attendance > named && <Tag>{t('deliberation.record.others', { n: m.attendance - named })}</Tag>}
                <Typography.Text strong>{t('deliberation.record.attendance', { n: m.attendance })}</Typography.Text></Descriptions.Item>}
            </Descriptions>
          </Card>
          <Card title={t('deliberation.record.agenda')} style={{ marginBottom: 16 }}>
            <List size="small" dataSource={m.agenda} locale={{ emptyText: '—' }} renderItem={(a) => (
              <List.Item extra={<Typography.Text type="secondary">{t('deliberation.record.opinions', { n: a.opinions })}</Typography.Text>}>
                <Link to={`/deliberation/topics/${a.topicId}`}>{a.position}. {a.title}</Link>
              </List.Item>
            )} />
          </Card>
          {m.minutes && <Card title={t('deliberation.record.minutes')} style={{ marginBottom: 16 }}><Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="minutes">{m.minutes}</Typography.Paragraph></Card>}
        </Col>
        <Col xs={24} lg={15}>
          {m.abilities.recordMinutes && <MinutesForm meeting={m} onDone={meeting.reload} />}
          {m.state === 'held' && (
            <Card title={t('deliberation.record.decisions')}>
              {m.decisions.map((d) => <DecisionCard key={d.id} decision={d} canFollow={m.abilities.follow} canSpawn={m.abilities.spawnRequest} onChange={meeting.reload} />)}
              {m.abilities.decide && <DecisionForm meeting={m} onDone={meeting.reload} />}
            </Card>
          )}
        </Col>
      </Row>
    </>
  );
}
