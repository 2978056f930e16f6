import { Card, Empty, Skeleton, Tag, Typography } from 'antd';
import { useMe } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { membersApi } from '../api';
import { MemberBadge } from '../components';

/** 亮身份 for residents: the members living in and serving my compound — name, badge, posts, teams; never a phone. */
export default function PhoneServingPage() {
  const { t } = useI18n();
  const me = useMe();
  const compoundId = me.household?.compoundId ?? null;
  const list = useApi((signal) => membersApi.serving(compoundId!, signal), [compoundId], compoundId !== null);
  if (compoundId === null) return <Empty />;
  if (!list.data) return <Skeleton active />;
  return (
    <Card size="small" title={`${t('members.serving.title')} · ${list.data.compoundName}`} data-testid="serving-members">
      <Typography.Paragraph type="secondary">{t('members.serving.intro')}</Typography.Paragraph>
      {list.data.items.length === 0 && <Empty />}
      {list.data.items.map((m) => (
        <div key={m.memberId} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
          <MemberBadge badge={m} />
          {m.posts.map((p) => <div key={p.post}><Typography.Text type="secondary">{p.label}：{p.duty}</Typography.Text></div>)}
          {m.teams.map((team) => <Tag key={team} style={{ marginTop: 4 }}>{team}</Tag>)}
        </div>
      ))}
    </Card>
  );
}
