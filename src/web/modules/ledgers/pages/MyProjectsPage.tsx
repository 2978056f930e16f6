import { Card, Empty, Image, Skeleton, Space, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useMe } from '../../../app/auth';
import { ApiErrorResult } from '../../../app/components/Results';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { ledgersApi, type Project } from '../api';
import { BudgetBar, ProjectStateTag } from '../components/LedgerParts';

function ProjectCard({ project }: { project: Project }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const detail = useApi((signal) => ledgersApi.project(project.id, signal), [project.id], open);
  return (
    <Card size="small" variant="borderless" onClick={() => setOpen((o) => !o)} data-testid={`my-project-${project.id}`}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}><Typography.Text strong style={{ fontSize: 16 }}>{project.title}</Typography.Text><ProjectStateTag state={project.state} /></Space>
      <div style={{ fontSize: 13, color: 'rgba(0,0,0,0.6)', margin: '4px 0 8px' }}>{project.scope} · {project.contractor}</div>
      <BudgetBar project={project} />
      {open && (detail.data ? (
        <Timeline style={{ marginTop: 12 }} items={detail.data.timeline.map((e) => ({ children: (
          <div>
            <Typography.Text strong>{e.title ?? t(`ledgers.project.action.${e.action}`)}</Typography.Text> <Typography.Text type="secondary" style={{ fontSize: 12 }}>{new Date(e.at).toLocaleDateString('zh-CN')}</Typography.Text>
            {e.note && <div style={{ fontSize: 13 }}>{e.note}</div>}
            {e.photos.map((p) => <Image key={p.id} src={p.url} width={96} style={{ borderRadius: 6, marginTop: 4 }} />)}
          </div>
        ) }))} />
      ) : <Skeleton active paragraph={{ rows: 3 }} />)}
    </Card>
  );
}

/** 改造项目 — what is being built in my compound, what it costs and how far it is. */
export default function MyProjectsPage() {
  const { t } = useI18n();
  const me = useMe();
  const list = useApi((signal) => ledgersApi.projects({ compoundId: me.household?.compoundId, pageSize: 20 }, signal), [me.household?.compoundId]);
  if (list.error) return <ApiErrorResult error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Skeleton active paragraph={{ rows: 6 }} />;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }} data-testid="my-projects">
      {list.data.items.length === 0 ? <Empty description={t('ledgers.project.none')} /> : list.data.items.map((p) => <ProjectCard key={p.id} project={p} />)}
    </div>
  );
}
