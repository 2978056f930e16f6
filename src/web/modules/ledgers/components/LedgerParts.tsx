import { CheckCircleOutlined, ClockCircleOutlined, RollbackOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Progress, Tag, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../../app/i18n';
import { shortHash, yuan, type Decision, type DecisionState, type LedgerKind, type Project } from '../api';

export const kindColour: Record<LedgerKind, string> = { property_service: '#1677ff', maintenance_fund: '#c8161d', common_income: '#52c41a' };

export function HashText({ hash }: { hash: string }) {
  return <Typography.Text code copyable={{ text: hash }} style={{ fontSize: 12 }}>{shortHash(hash)}</Typography.Text>;
}

const stateColour: Record<DecisionState, string> = { pending_review: 'gold', approved: 'green', returned: 'volcano' };
const stateIcon: Record<DecisionState, ReactNode> = { pending_review: <ClockCircleOutlined />, approved: <CheckCircleOutlined />, returned: <RollbackOutlined /> };

export function DecisionStateTag({ state }: { state: DecisionState }) {
  const { t } = useI18n();
  return <Tag color={stateColour[state]} icon={stateIcon[state]}>{t(`ledgers.decision.state.${state}`)}</Tag>;
}

/** The review record: proposal, party review (approve / return with reasons), resubmissions. */
export function DecisionTimeline({ decision }: { decision: Pick<Decision, 'timeline'> }) {
  const { t } = useI18n();
  return (
    <Timeline items={decision.timeline.map((e) => ({
      color: e.action === 'approve' ? 'green' : e.action === 'return' ? 'red' : 'blue',
      children: (
        <div>
          <Typography.Text strong>{t(`ledgers.decision.action.${e.action}`)}</Typography.Text>
          <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>{new Date(e.at).toLocaleString('zh-CN')} · {e.actorName ?? ''}{e.actorRole === 'party_committee' ? `（${t('ledgers.decision.partyCommittee')}）` : ''}</Typography.Text>
          {e.note && <div style={{ fontSize: 13 }}>{e.note}</div>}
        </div>
      ),
    }))} />
  );
}

const projectStateColour = { in_progress: 'processing', awaiting_acceptance: 'warning', accepted: 'success' } as const;

export function ProjectStateTag({ state }: { state: Project['state'] }) {
  const { t } = useI18n();
  return <Tag color={projectStateColour[state]}>{t(`ledgers.project.state.${state}`)}</Tag>;
}

/** Spending against budget, read from the ledger. */
export function BudgetBar({ project }: { project: Pick<Project, 'budgetFen' | 'spentFen'> }) {
  const { t } = useI18n();
  const pct = project.budgetFen ? Math.round((project.spentFen / project.budgetFen) * 1000) / 10 : 0;
  return (
    <div>
      <Progress percent={Math.min(100, pct)} strokeColor={pct > 100 ? '#cf1322' : '#c8161d'} format={() => `${pct}%`} />
      <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>{t('ledgers.project.spent', { spent: yuan(project.spentFen), budget: yuan(project.budgetFen) })}</div>
    </div>
  );
}

export function VerifiedNote({ head }: { head: string }) {
  const { t } = useI18n();
  return <Typography.Text type="secondary" style={{ fontSize: 12 }}><SafetyCertificateOutlined style={{ color: '#52c41a' }} /> {t('ledgers.headNote')} <HashText hash={head} /></Typography.Text>;
}
