import { FileProtectOutlined, RightOutlined } from '@ant-design/icons';
import { Card, Empty, Skeleton, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useMe } from '../../../app/auth';
import { ApiErrorResult } from '../../../app/components/Results';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { ledgersApi, yuan } from '../api';
import { kindColour } from '../components/LedgerParts';

/** 账目公示 — my compound's ledgers and what was published to us, newest first. */
export default function MyDisclosuresPage() {
  const { t } = useI18n();
  const me = useMe();
  const compoundId = me.household?.compoundId;
  const ledgers = useApi((signal) => ledgersApi.ledgers(compoundId, signal), [compoundId], !!compoundId);
  const list = useApi((signal) => ledgersApi.disclosures({ compoundId, pageSize: 30 }, signal), [compoundId], !!compoundId);
  if (list.error) return <ApiErrorResult error={list.error} onRetry={list.reload} />;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }} data-testid="my-disclosures">
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 8 }}>
        {(ledgers.data?.items ?? []).map((l) => (
          <div key={l.id} style={{ background: '#fff', borderRadius: 10, padding: '10px 10px', borderTop: `3px solid ${kindColour[l.kind]}` }}>
            <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>{t(`ledgers.kind.${l.kind}`)}</div>
            <div style={{ fontSize: 15, fontWeight: 700, fontVariantNumeric: 'tabular-nums' }}>{yuan(l.totals.balanceFen)}</div>
          </div>
        ))}
      </div>
      <Typography.Title level={5} style={{ margin: '4px 4px 0' }}><FileProtectOutlined /> {t('ledgers.mine.title')}</Typography.Title>
      {!list.data ? <Skeleton active paragraph={{ rows: 6 }} /> : list.data.items.length === 0 ? <Empty description={t('ledgers.mine.empty')} /> : list.data.items.map((d) => (
        <Link key={d.id} to={`/m/disclosures/${d.id}`} data-testid={`disclosure-${d.id}`}>
          <Card size="small" variant="borderless">
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
              <div>
                <div><Tag color="red">{t(`ledgers.category.${d.category}`)}</Tag>{d.correctedBy && <Tag>{t('ledgers.mine.corrected')}</Tag>}{d.correctsId && <Tag color="purple">{t('ledgers.mine.correction')}</Tag>}</div>
                <Typography.Text strong style={{ display: 'block', marginTop: 4, color: 'rgba(0,0,0,0.88)' }}>{d.title}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{d.publisherName} · {new Date(d.publishedAt).toLocaleDateString('zh-CN')}</Typography.Text>
              </div>
              <RightOutlined style={{ color: '#bfbfbf', alignSelf: 'center' }} />
            </div>
          </Card>
        </Link>
      ))}
    </div>
  );
}
