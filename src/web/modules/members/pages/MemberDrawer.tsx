import { Button, DatePicker, Descriptions, Drawer, Empty, Form, Input, Modal, Select, Space, Statistic, Table, Tag, Timeline, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { membersApi, type MemberDetail, type PostRecord } from '../api';
import { MemberBadge } from '../components';
import { useAction } from '../useAction';

const day = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const today = () => day(new Date().toISOString());

/**
 * A member on the staff workbench: their posts (三岗) with duty and period, teams, service
 * totals and latest ledger lines, and the registry's history (报到, approval, posts, teams,
 * transfer, leaving). The community party committee assigns and ends posts and records a
 * transfer or a leaving here; every write reloads the member and tells the list.
 */
export function MemberDrawer({ memberId, onClose, onChanged }: { memberId: number | null; onClose: () => void; onChanged: () => void }) {
  const { t } = useI18n();
  const detail = useApi((signal) => membersApi.member(memberId!, signal), [memberId], memberId !== null);
  const m = memberId !== null && detail.data?.id === memberId ? detail.data : undefined;
  const ledger = useApi((signal) => membersApi.ledger(m!.personId, m!.communityId, signal), [m?.personId, m?.communityId], !!m);
  const { busy, run } = useAction(() => { detail.reload(); ledger.reload(); onChanged(); });
  const [postOpen, setPostOpen] = useState(false);
  const [moveOpen, setMoveOpen] = useState<'leave' | 'transfer' | null>(null);
  return (
    <Drawer width={720} open={memberId !== null} onClose={onClose} destroyOnClose data-testid="member-drawer"
      title={m ? <MemberBadge badge={{ name: m.name, label: m.kindLabel, posts: m.posts }} /> : t('members.detail.title')}
      extra={m && (
        <Space>
          {m.abilities.approve && <Button type="primary" loading={busy} onClick={() => run(() => membersApi.decide(m.id, 'approve'), 'members.done.approved')}>{t('members.action.approve')}</Button>}
          {m.abilities.transfer && <Button onClick={() => setMoveOpen('transfer')} data-testid="member-transfer">{t('members.action.transfer')}</Button>}
          {m.abilities.leave && <Button danger onClick={() => setMoveOpen('leave')} data-testid="member-leave">{t('members.action.leave')}</Button>}
        </Space>
      )}>
      {!m ? null : (
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          <Descriptions size="small" column={2} bordered items={[
            { key: 'state', label: t('members.registry.col.state'), children: <Tag color={m.state === 'active' ? 'green' : m.state === 'pending' ? 'gold' : 'default'}>{t(`members.mstate.${m.state}`)}</Tag> },
            { key: 'community', label: t('members.detail.community'), children: m.communityName },
            { key: 'branch', label: t('members.registry.col.branch'), children: m.branchName ?? '—' },
            { key: 'unit', label: t('members.detail.workUnit'), children: m.workUnit ?? '—' },
            { key: 'compound', label: t('members.registry.col.compound'), children: m.compoundName ?? '—' },
            { key: 'phone', label: t('members.registry.col.phone'), children: m.phone ?? '—' },
            { key: 'joined', label: t('members.detail.joinedParty'), children: m.joinedPartyOn ?? '—' },
            { key: 'skills', label: t('members.detail.skills'), children: m.skills.length ? m.skills.map((s) => <Tag key={s}>{s}</Tag>) : '—' },
            { key: 'teams', label: t('members.registry.teams'), span: 2, children: m.teams.length ? m.teams.map((x) => <Tag key={x.id} color="red">{x.name}</Tag>) : '—' },
          ]} />

          <div>
            <Space style={{ width: '100%', justifyContent: 'space-between' }}>
              <Typography.Title level={5} style={{ margin: 0 }}>{t('members.detail.posts')}</Typography.Title>
              {m.abilities.addPost && <Button size="small" type="primary" onClick={() => setPostOpen(true)} data-testid="post-add">{t('members.action.addPost')}</Button>}
            </Space>
            <Table<PostRecord> style={{ marginTop: 8 }} size="small" rowKey="id" pagination={false} dataSource={m.postsHistory} data-testid="post-table"
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('members.detail.noPosts')} /> }}
              columns={[
                { title: t('members.detail.post'), render: (_, p) => <Tag color="volcano">{p.label}</Tag> },
                { title: t('members.detail.duty'), dataIndex: 'duty' },
                { title: t('members.detail.period'), render: (_, p) => `${p.startsOn} ~ ${p.endsOn ?? t('members.detail.ongoing')}` },
                { title: '', width: 90, render: (_, p) => (m.abilities.endPost && (!p.endsOn || p.endsOn >= today()) && m.state === 'active'
                  ? <Button size="small" loading={busy} onClick={() => run(() => membersApi.endPost(m.id, p.id), 'members.done.postEnded')}>{t('members.action.endPost')}</Button>
                  : p.endsOn ? <Tag>{t('members.detail.ended')}</Tag> : null) },
              ]} />
          </div>

          <div>
            <Typography.Title level={5}>{t('members.detail.ledger')}</Typography.Title>
            <Space size="large">
              <Statistic title={t('members.honour.col.hours')} value={Math.round((m.totals.minutes / 60) * 10) / 10} />
              <Statistic title={t('members.honour.col.points')} value={m.totals.points} />
              <Statistic title={t('members.honour.col.services')} value={m.totals.services} />
            </Space>
            {(ledger.data?.items.length ?? 0) > 0 && (
              <Table size="small" rowKey="id" pagination={false} style={{ marginTop: 8 }} dataSource={ledger.data!.items}
                columns={[
                  { title: t('members.detail.at'), render: (_, e) => day(e.at), width: 110 },
                  { title: t('members.detail.source'), render: (_, e) => t(`members.source.${e.source.kind}`) },
                  { title: t('members.detail.what'), render: (_, e) => e.note ?? '—' },
                  { title: t('members.detail.minutes'), dataIndex: 'minutes', width: 80 },
                  { title: t('members.honour.col.points'), dataIndex: 'points', width: 64 },
                ]} />
            )}
          </div>

          <div>
            <Typography.Title level={5}>{t('members.detail.history')}</Typography.Title>
            <Timeline data-testid="member-history" items={[...m.timeline].reverse().map((e, i) => ({
              key: i, color: e.action === 'leave' || e.action === 'transfer' || e.action === 'reject' ? 'gray' : e.action === 'approve' ? 'green' : 'red',
              children: (
                <div>
                  <Typography.Text strong>{t(`members.event.${e.action}`)}</Typography.Text>
                  {e.detail && <Typography.Text> · {e.detail}</Typography.Text>}
                  <Typography.Text type="secondary"> — {day(e.at)}</Typography.Text>
                  {e.note && <div><Typography.Text type="secondary">{e.note}</Typography.Text></div>}
                </div>
              ),
            }))} />
          </div>
        </Space>
      )}
      {m && postOpen && <PostModal member={m} onClose={() => setPostOpen(false)} run={run} busy={busy} />}
      {m && moveOpen && <MoveModal member={m} kind={moveOpen} onClose={() => setMoveOpen(null)} run={run} busy={busy} />}
    </Drawer>
  );
}

type Run = ReturnType<typeof useAction>['run'];

function PostModal({ member, onClose, run, busy }: { member: MemberDetail; onClose: () => void; run: Run; busy: boolean }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ post: PostRecord['post']; duty: string; period: [Dayjs, Dayjs | null] }>();
  const submit = async () => {
    const v = await form.validateFields();
    const ok = await run(() => membersApi.addPost(member.id, { post: v.post, duty: v.duty, startsOn: v.period[0].format('YYYY-MM-DD'), ...(v.period[1] ? { endsOn: v.period[1].format('YYYY-MM-DD') } : {}) }), 'members.done.postAdded');
    if (ok) onClose();
  };
  return (
    <Modal open title={t('members.action.addPost')} onCancel={onClose} onOk={submit} confirmLoading={busy} okText={t('members.action.addPost')}>
      <Form form={form} layout="vertical" initialValues={{ post: 'responsibility' }}>
        <Form.Item name="post" label={t('members.detail.post')} rules={[{ required: true }]}>
          <Select options={(['responsibility', 'demonstration', 'vanguard'] as const).map((p) => ({ value: p, label: t(`members.post.${p}`) }))} />
        </Form.Item>
        <Form.Item name="duty" label={t('members.detail.duty')} rules={[{ required: true, min: 2, max: 120 }]}><Input placeholder={t('members.detail.dutyHint')} /></Form.Item>
        <Form.Item name="period" label={t('members.detail.period')} rules={[{ required: true }]}><DatePicker.RangePicker allowEmpty={[false, true]} style={{ width: '100%' }} /></Form.Item>
      </Form>
    </Modal>
  );
}

/** Record a leaving, or a transfer (组织关系转接) to another community of the city; both keep the history. */
function MoveModal({ member, kind, onClose, run, busy }: { member: MemberDetail; kind: 'leave' | 'transfer'; onClose: () => void; run: Run; busy: boolean }) {
  const { t } = useI18n();
  const targets = useApi((signal) => membersApi.transferTargets(member.id, signal), [member.id], kind === 'transfer');
  const [to, setTo] = useState<number>();
  const [note, setNote] = useState('');
  const submit = async () => {
    const ok = kind === 'leave'
      ? await run(() => membersApi.leave(member.id, note || undefined), 'members.done.left')
      : to !== undefined && (await run(() => membersApi.transfer(member.id, to, note || undefined), 'members.done.transferred'));
    if (ok) onClose();
  };
  return (
    <Modal open title={t(kind === 'leave' ? 'members.action.leave' : 'members.action.transfer')} onCancel={onClose} onOk={submit} confirmLoading={busy}
      okButtonProps={{ disabled: kind === 'transfer' && to === undefined, danger: kind === 'leave' }}>
      <Typography.Paragraph type="secondary">{t(kind === 'leave' ? 'members.move.leaveText' : 'members.move.transferText', { name: member.name })}</Typography.Paragraph>
      {kind === 'transfer' && (
        <Select style={{ width: '100%', marginBottom: 12 }} placeholder={t('members.move.to')} value={to} onChange={setTo} showSearch optionFilterProp="label" loading={targets.loading} data-testid="transfer-to"
          options={(targets.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.streetName} · ${c.name}` }))} />
      )}
      <Input.TextArea rows={3} maxLength={500} placeholder={t('members.move.note')} value={note} onChange={(e) => setNote(e.target.value)} />
    </Modal>
  );
}
