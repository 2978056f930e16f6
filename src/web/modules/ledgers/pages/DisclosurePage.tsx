import { AuditOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Input, Modal, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiErrorResult } from '../../../app/components/Results';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { ledgersApi, shortHash, yuan } from '../api';

/** One disclosure: its text, the ledger head it published, its correction chain, and the owner's right to inspect. */
export default function DisclosurePage() {
  const { id = '0' } = useParams();
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const d = useApi((signal) => ledgersApi.disclosure(Number(id), signal), [id]);
  const [asking, setAsking] = useState(false);
  const [note, setNote] = useState('');
  if (d.error) return <ApiErrorResult error={d.error} onRetry={d.reload} />;
  const x = d.data;
  if (!x) return <Skeleton active paragraph={{ rows: 8 }} />;
  const inspect = async () => {
    try {
      const r = await ledgersApi.inspect(x.id, note);
      message.success(t('ledgers.mine.inspectFiled'));
      navigate(`/m/requests/${r.requestId}`);
    } catch (err) {
      message.error((err as Error).message);
    }
  };
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }} data-testid="disclosure-detail" data-disclosure-id={x.id}>
      {x.correction && <Alert type="warning" showIcon message={t('ledgers.mine.correctedBy')} description={<Link to={`/m/disclosures/${x.correction.id}`}>{x.correction.title}</Link>} />}
      {x.corrects && <Alert type="info" showIcon message={t('ledgers.mine.corrects')} description={<Link to={`/m/disclosures/${x.corrects.id}`}>{x.corrects.title}</Link>} />}
      <Card variant="borderless">
        <Tag color="red">{t(`ledgers.category.${x.category}`)}</Tag>
        <Typography.Title level={4} style={{ margin: '8px 0' }}>{x.title}</Typography.Title>
        <Typography.Text type="secondary">{x.compoundName} · {x.period} · {x.publisherName} · {new Date(x.publishedAt).toLocaleString('zh-CN')}</Typography.Text>
        <Typography.Paragraph style={{ marginTop: 12, fontSize: 16, lineHeight: 1.8, whiteSpace: 'pre-wrap' }}>{x.body}</Typography.Paragraph>
        {x.ledger && (
          <Descriptions size="small" column={1} bordered items={[
            { key: 'balance', label: t('ledgers.mine.balance'), children: <strong>{yuan(x.ledger.balanceFen)}</strong> },
            { key: 'head', label: t('ledgers.mine.head'), children: <Typography.Text code style={{ fontSize: 12 }}>{shortHash(x.ledger.head)}</Typography.Text> },
          ]} />
        )}
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 12 }}>
          <SafetyCertificateOutlined style={{ color: '#52c41a' }} /> {t('ledgers.mine.chainNote', { seq: x.seq })} <a href={x.exportUrl} target="_blank" rel="noreferrer">{t('ledgers.export')}</a>
        </Typography.Paragraph>
      </Card>
      {x.abilities.inspect && <Button size="large" icon={<AuditOutlined />} style={{ height: 48 }} onClick={() => setAsking(true)} data-testid="inspect">{t('ledgers.mine.inspect')}</Button>}
      <Modal open={asking} title={t('ledgers.mine.inspect')} onCancel={() => setAsking(false)} onOk={inspect} okText={t('ledgers.mine.inspectSubmit')}>
        <Typography.Paragraph type="secondary">{t('ledgers.mine.inspectText')}</Typography.Paragraph>
        <Input.TextArea rows={3} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('ledgers.mine.inspectPlaceholder')} />
      </Modal>
    </div>
  );
}
