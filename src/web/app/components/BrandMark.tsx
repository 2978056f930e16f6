import { useI18n } from '../i18n';

/** The product mark: a red seal with a gold star, and the name. */
export function BrandMark({ size = 32, showName = true, inverse = false, subtitle }: { size?: number; showName?: boolean; inverse?: boolean; subtitle?: string }) {
  const { t } = useI18n();
  return (
    <span className="gz-brand" style={{ display: 'inline-flex', alignItems: 'center', gap: 10 }}>
      <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden>
        <rect width="64" height="64" rx="14" fill={inverse ? '#fff' : '#c8161d'} />
        <path d="M32 12l5.9 12 13.1 1.9-9.5 9.3 2.2 13.1L32 42.1l-11.7 6.2 2.2-13.1-9.5-9.3 13.1-1.9z" fill={inverse ? '#c8161d' : '#ffd666'} />
      </svg>
      {showName && (
        <span style={{ display: 'inline-flex', flexDirection: 'column', lineHeight: 1.15 }}>
          <span style={{ fontSize: size * 0.56, fontWeight: 700, letterSpacing: 2, color: inverse ? '#fff' : '#c8161d' }}>{t('app.name')}</span>
          {subtitle !== '' && (
            <span style={{ fontSize: 12, color: inverse ? 'rgba(255,255,255,0.85)' : 'rgba(0,0,0,0.55)', letterSpacing: 0.5 }}>{subtitle ?? t('app.tagline')}</span>
          )}
        </span>
      )}
    </span>
  );
}
