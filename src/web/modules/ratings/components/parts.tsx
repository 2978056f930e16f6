import { Tag } from 'antd';
import { useI18n } from '../../../app/i18n';
import { stars, type RatingState, type RatingStatus } from '../api';

const stateColours: Record<RatingState, string> = {
  draft: 'default', self_evaluated: 'blue', assessing: 'processing', assessed: 'purple', certified: 'green', not_certified: 'red', lowering: 'orange', revoked: 'red',
};

/** The rating's state, or "expired" once its year is over. */
export function StateTag({ state, status }: { state: RatingState; status: RatingStatus }) {
  const { t } = useI18n();
  if (status === 'expired') return <Tag>{t('ratings.status.expired')}</Tag>;
  return <Tag color={stateColours[state]} data-testid="rating-state">{t(`ratings.state.${state}`)}</Tag>;
}

export function Stars({ level, size = 16 }: { level: number | null; size?: number }) {
  return <span style={{ color: '#d48806', fontSize: size, letterSpacing: 1 }} data-testid="rating-stars">{stars(level)}</span>;
}
