import { Alert, App, Button, Card, Input, Radio, Skeleton, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiErrorResult, NotFoundResult, useErrorText } from '../../../app/components/Results';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { useIdParam } from '../../../app/useIdParam';
import { deliberationApi, type Stance } from '../api';
import { OpinionList } from '../components/OpinionList';
import { TopicHeader } from '../components/TopicHeader';

/** A topic on the phone: read it, give one's opinion (editable until the period closes), read the neighbours'. */
export default function ResidentTopicPage() {
  const id = useIdParam('id');
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const topic = useApi((s) => deliberationApi.topic(id!, s), [id], id !== null);
  const [stance, setStance] = useState<Stance | undefined>();
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const mine = topic.data?.myOpinion;
  useEffect(() => {
    if (mine) {
      setStance(mine.stance);
      setBody(mine.body);
    }
  }, [mine]);
  if (topic.error) return topic.error.status === 404 ? <NotFoundResult home="/m" /> : <ApiErrorResult error={topic.error} onRetry={topic.reload} />;
  if (!topic.data) return <Skeleton active style={{ padding: 16 }} />;
  const tp = topic.data;
  const submit = async () => {
    setBusy(true);
    try {
      await deliberationApi.opine(tp.id, stance!, body.trim());
      message.success(t('deliberation.topic.saved'));
      topic.reload();
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ padding: 12 }}>
      <Typography.Title level={4} style={{ marginTop: 4 }}>{tp.title}</Typography.Title>
      <TopicHeader topic={tp} />
      {tp.abilities.opine ? (
        <Card style={{ margin: '12px 0' }} title={mine ? t('deliberation.topic.edit') : t('deliberation.topic.write')}>
          <Radio.Group value={stance} onChange={(e) => setStance(e.target.value)} style={{ display: 'flex', gap: 8, marginBottom: 12 }} data-testid="stance">
            {(['support', 'suggestion', 'oppose'] as const).map((s) => (
              <Radio.Button key={s} value={s} style={{ flex: 1, height: 48, lineHeight: '46px', textAlign: 'center', fontSize: 16 }} data-testid={`stance-${s}`}>{t(`deliberation.stance.${s}`)}</Radio.Button>
            ))}
          </Radio.Group>
          <Input.TextArea rows={4} value={body} onChange={(e) => setBody(e.target.value)} maxLength={2000} placeholder={t('deliberation.topic.placeholder')} data-testid="opinion-body" />
          <Button type="primary" block size="large" style={{ marginTop: 12, height: 48 }} disabled={!stance || !body.trim()} loading={busy} onClick={() => void submit()} data-testid="opinion-submit">{t('deliberation.topic.submit')}</Button>
        </Card>
      ) : <Alert style={{ margin: '12px 0' }} type="info" showIcon message={t('deliberation.topic.closedHint')} />}
      <Card size="small"><OpinionList topic={tp} onChange={topic.reload} /></Card>
    </div>
  );
}
