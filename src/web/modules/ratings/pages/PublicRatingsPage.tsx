import { PageHeading } from '../../../app/components/PageHeading';
import { useI18n } from '../../../app/i18n';
import { PublicRatings } from '../components/PublicRatings';

/** /ratings/public (workbench) and /m/ratings (phone): the published ratings per district. */
export default function PublicRatingsPage() {
  const { t } = useI18n();
  const phone = window.location.pathname.startsWith('/m/');
  return (
    <div style={phone ? { padding: 12 } : undefined}>
      {phone ? <h2 style={{ fontSize: 18, margin: '4px 0 12px' }}>{t('ratings.public.title')}</h2> : <PageHeading title={t('ratings.public.title')} />}
      <PublicRatings compact={phone} />
    </div>
  );
}
