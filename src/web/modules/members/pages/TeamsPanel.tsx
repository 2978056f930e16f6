import { CrownOutlined, UserAddOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Form, Input, List, Modal, Popconfirm, Row, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { membersApi, type Team } from '../api';
import { MemberBadge } from '../components';
import { useAction } from '../useAction';

/**
 * Teams (党员先锋队, 邻里帮帮团, volunteer teams) of a community with leader and members; the
 * community party committee adds and removes members, sets the leader and sets up a team.
 */
export function TeamsPanel({ communityId, canManage }: { communityId: number; canManage: boolean }) {
  const { t } = useI18n();
  const teams = useApi((signal) => membersApi.teams(communityId, signal), [communityId]);
  const active = useApi((signal) => membersApi.members({ communityId, state: ['active'], pageSize: 100 }, signal), [communityId], canManage);
  const { busy, run } = useAction(() => teams.reload());
  const [adding, setAdding] = useState<Record<number, number | undefined>>({});
  const [creating, setCreating] = useState(false);
  const options = (team: Team) => (active.data?.items ?? []).filter((m) => !team.members.some((x) => x.memberId === m.id)).map((m) => ({ value: m.id, label: `${m.name} · ${m.kindLabel}` }));
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      {canManage && <Button type="primary" icon={<UserAddOutlined />} onClick={() => setCreating(true)} data-testid="team-create">{t('members.team.create')}</Button>}
      {teams.data && teams.data.items.length === 0 && <Empty description={t('members.team.none')} />}
      <Row gutter={[16, 16]}>
        {(teams.data?.items ?? []).map((team) => (
          <Col key={team.id} xs={24} xl={12}>
            <Card variant="borderless" data-testid="team-card" title={<Space><span>{team.name}</span><Tag color="red">{t(`members.teamKind.${team.kind}`)}</Tag></Space>}
              extra={<Typography.Text type="secondary">{t('members.registry.teamSize', { n: team.size })}</Typography.Text>}>
              {team.description && <Typography.Paragraph type="secondary">{team.description}</Typography.Paragraph>}
              <div style={{ marginBottom: 8 }}>
                <Typography.Text type="secondary">{t('members.team.leader')}：</Typography.Text>
                {team.leader ? <MemberBadge badge={team.leader} /> : <Typography.Text type="warning">{t('members.team.noLeader')}</Typography.Text>}
              </div>
              <List size="small" dataSource={team.members} style={{ maxHeight: 260, overflow: 'auto' }}
                renderItem={(m) => (
                  <List.Item actions={canManage ? [
                    ...(team.leader?.memberId === m.memberId ? [] : [
                      <Tooltip key="lead" title={t('members.team.makeLeader')}><Button size="small" type="text" icon={<CrownOutlined />} loading={busy} onClick={() => run(() => membersApi.setTeamLeader(team.id, m.memberId), 'members.done.leaderSet')} /></Tooltip>,
                      <Popconfirm key="rm" title={t('members.team.removeConfirm', { name: m.name })} onConfirm={() => run(() => membersApi.removeTeamMember(team.id, m.memberId), 'members.done.removed')}>
                        <Button size="small" type="text" danger>{t('members.team.remove')}</Button>
                      </Popconfirm>,
                    ]),
                  ] : []}>
                    <MemberBadge badge={m} />
                    {team.leader?.memberId === m.memberId && <Tag color="gold" style={{ marginInlineStart: 6 }}>{t('members.team.leader')}</Tag>}
                  </List.Item>
                )} />
              {canManage && (
                <Space.Compact style={{ width: '100%', marginTop: 8 }}>
                  <Select style={{ width: '100%' }} showSearch optionFilterProp="label" placeholder={t('members.team.addPlaceholder')} value={adding[team.id]}
                    onChange={(v) => setAdding({ ...adding, [team.id]: v })} options={options(team)} data-testid="team-add-select" />
                  <Button type="primary" disabled={!adding[team.id]} loading={busy}
                    onClick={async () => { if (await run(() => membersApi.addTeamMember(team.id, adding[team.id]!), 'members.done.added')) setAdding({ ...adding, [team.id]: undefined }); }}>{t('members.team.add')}</Button>
                </Space.Compact>
              )}
            </Card>
          </Col>
        ))}
      </Row>
      {creating && <CreateTeamModal communityId={communityId} onClose={() => setCreating(false)} onCreated={() => teams.reload()} members={(active.data?.items ?? []).map((m) => ({ value: m.id, label: `${m.name} · ${m.kindLabel}` }))} />}
    </Space>
  );
}

function CreateTeamModal({ communityId, members, onClose, onCreated }: { communityId: number; members: { value: number; label: string }[]; onClose: () => void; onCreated: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ name: string; kind: 'vanguard' | 'helpers' | 'volunteer'; description?: string; leaderMemberId?: number; memberIds?: number[] }>();
  const { busy, run } = useAction(onCreated);
  const submit = async () => {
    const v = await form.validateFields();
    if (await run(() => membersApi.createTeam({ communityId, ...v, memberIds: v.memberIds ?? [] }), 'members.done.teamCreated')) onClose();
  };
  return (
    <Modal open title={t('members.team.create')} onCancel={onClose} onOk={submit} confirmLoading={busy}>
      <Form form={form} layout="vertical" initialValues={{ kind: 'volunteer' }}>
        <Form.Item name="name" label={t('members.team.name')} rules={[{ required: true, min: 2, max: 40 }]}><Input /></Form.Item>
        <Form.Item name="kind" label={t('members.team.kind')}><Select options={(['vanguard', 'helpers', 'volunteer'] as const).map((k) => ({ value: k, label: t(`members.teamKind.${k}`) }))} /></Form.Item>
        <Form.Item name="leaderMemberId" label={t('members.team.leader')}><Select allowClear showSearch optionFilterProp="label" options={members} /></Form.Item>
        <Form.Item name="memberIds" label={t('members.team.members')}><Select mode="multiple" showSearch optionFilterProp="label" options={members} /></Form.Item>
        <Form.Item name="description" label={t('members.team.description')}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
      </Form>
    </Modal>
  );
}
