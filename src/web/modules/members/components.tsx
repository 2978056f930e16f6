import { Tag } from 'antd';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { useApi } from '../../app/useApi';
import type { Badge, WishState } from './api';

const stateColors: Record<WishState, string> = { review: 'gold', open: 'green', claimed: 'blue', fulfilled: 'purple', confirmed: 'default', rejected: 'red' };

export function WishStateTag({ state }: { state: WishState }) {
  const { t } = useI18n();
  return <Tag color={stateColors[state]} data-testid="wish-state">{t(`members.state.${state}`)}</Tag>;
}

/** 亮身份: the red badge shown with a member's name wherever they act. */
export function MemberBadge({ badge }: { badge: Pick<Badge, 'name' | 'label' | 'posts'> }) {
  return (
    <span className="gz-member-badge" data-testid="member-badge">
      <span className="gz-member-badge-mark">党</span>
      <span>{badge.name}</span>
      <Tag color="red" style={{ marginInlineStart: 4 }}>{badge.label}</Tag>
      {badge.posts.map((p) => <Tag key={p.post} color="volcano">{p.label}</Tag>)}
    </span>
  );
}

/**
 * 亮身份 on other modules' pages (a request's handler, an activity's organiser): the badge of an
 * account when it is an approved member the viewer may see; nothing otherwise (nor without
 * members:serving, nor while loading).
 */
export function AccountMemberBadge({ accountId }: { accountId: number | null | undefined }) {
  const { can } = useAuth();
  const enabled = accountId != null && can('members:serving');
  const res = useApi((signal) => api.get<{ items: { accountId: number; badge: Badge }[] }>('/api/members/badges', { accountIds: String(accountId) }, signal), [accountId], enabled);
  const badge = enabled ? res.data?.items.find((i) => i.accountId === accountId)?.badge : undefined;
  return badge ? <MemberBadge badge={badge} /> : null;
}
