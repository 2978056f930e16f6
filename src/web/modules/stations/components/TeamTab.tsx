import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { stationsApi, teamRoles, teamSides, telHref, type StationDetail, type TeamMember } from '../api';
import { useSubmit } from '../hooks/useSubmit';

const roleColor = { leader: 'red', deputy: 'volcano', member: 'default' } as const;
const skillOptions = ['电工', '水电维修', '管道抢修', '破拆', '挪车', '驾驶', '急救', '心肺复苏', '消防', '疏散引导', '搜救', '排水泵操作', '物资管理', '心理疏导', '指挥协调'];

/** 应急救援队: roster with skills and phone (masked for anyone who is not staff of the station). */
export function TeamTab({ station, onChanged }: { station: StationDetail; onChanged: () => void }) {
  const { t } = useI18n();
  const [adding, setAdding] = useState(false);
  const toggle = useSubmit(onChanged);
  const manage = station.abilities.manage;
  return (
    <div data-testid="team-tab">
      <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
        <Typography.Text type="secondary">{station.abilities.contacts ? t('stations.team.contactsShown') : t('stations.team.contactsMasked')}</Typography.Text>
        {manage && <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('stations.team.add')}</Button>}
      </Space>
      <Table<TeamMember> rowKey="id" size="middle" pagination={false} dataSource={station.team} rowClassName={(m) => (m.active ? '' : 'gz-station-row-retired')}
        columns={[
          { title: t('stations.team.name'), dataIndex: 'name', render: (n: string, m) => <Space size={4}><Typography.Text strong>{n}</Typography.Text><Tag color={roleColor[m.teamRole]}>{t(`stations.teamRole.${m.teamRole}`)}</Tag>{!m.active && <Tag>{t('stations.keys.retired')}</Tag>}</Space> },
          { title: t('stations.team.side'), dataIndex: 'side', width: 100, render: (s: TeamMember['side']) => t(`stations.side.${s}`) },
          { title: t('stations.team.skills'), dataIndex: 'skills', render: (skills: string[]) => skills.map((s) => <Tag key={s} color="geekblue">{s}</Tag>) },
          { title: t('stations.keys.phone'), dataIndex: 'phone', width: 150, render: (p: string | null) => (p && station.abilities.contacts ? <a href={telHref(p)}>{p}</a> : <span data-masked="true">{p ?? '—'}</span>) },
          { title: t('stations.team.drills'), dataIndex: 'drillsAttended', width: 110, align: 'right', render: (n: number) => t('stations.team.drillsCount', { n }) },
          { title: t('stations.team.app'), dataIndex: 'hasAccount', width: 90, render: (a: boolean) => (a ? <Tag color="green">{t('stations.team.hasApp')}</Tag> : '—') },
          ...(manage ? [{
            title: '', key: 'a', width: 70,
            render: (_: unknown, m: TeamMember) => <Button type="link" size="small" loading={toggle.busy} onClick={() => toggle.run(async () => { await stationsApi.updateTeamMember(m.id, { active: !m.active }); return undefined; })}>{m.active ? t('stations.keys.retire') : t('stations.keys.reinstate')}</Button>,
          }] : []),
        ]} />
      {adding && <TeamMemberModal station={station} onClose={() => setAdding(false)} onDone={onChanged} />}
    </div>
  );
}

function TeamMemberModal({ station, onClose, onDone }: { station: StationDetail; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ name: string; phone: string; teamRole: TeamMember['teamRole']; side: TeamMember['side']; skills: string[] }>();
  const { busy, run } = useSubmit(() => { onDone(); onClose(); });
  return (
    <Modal open title={t('stations.team.add')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={t('stations.form.save')} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ teamRole: 'member', side: 'volunteer', skills: [] }}
        onFinish={(v) => run(async () => { await stationsApi.addTeamMember(station.id, v); return t('stations.form.saved'); })}>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="name" label={t('stations.team.name')} rules={[{ required: true, max: 60 }]} style={{ flex: 1 }}><Input /></Form.Item>
          <Form.Item name="phone" label={t('stations.keys.phone')} rules={[{ required: true, pattern: /^[0-9+\-() ]{3,20}$/, message: t('stations.form.phoneInvalid') }]} style={{ flex: 1 }}><Input /></Form.Item>
        </div>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="teamRole" label={t('stations.team.role')} style={{ flex: 1 }}><Select options={teamRoles.map((r) => ({ value: r, label: t(`stations.teamRole.${r}`) }))} /></Form.Item>
          <Form.Item name="side" label={t('stations.team.side')} style={{ flex: 1 }}><Select options={teamSides.map((s) => ({ value: s, label: t(`stations.side.${s}`) }))} /></Form.Item>
        </div>
        <Form.Item name="skills" label={t('stations.team.skills')}><Select mode="tags" maxCount={12} options={skillOptions.map((s) => ({ value: s, label: s }))} /></Form.Item>
      </Form>
    </Modal>
  );
}
