import { CheckCircleFilled, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Modal, Radio, Result, Skeleton, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ApiErrorResult, NotFoundResult, useErrorText } from '../../../app/components/Results';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { useIdParam } from '../../../app/useIdParam';
import { votesApi, type Answer, type Receipt } from '../api';
import { ClassTag, ParticipationBars, ResultCard, VoteStateTag } from '../components/VoteParts';

const answerColor: Record<Answer, string> = { agree: '#389e0d', oppose: '#c8161d', abstain: '#8c8c8c' };

/** The owner's ballot on the phone: one big choice per matter, cast once, then the receipt to keep. */
export default function BallotPage() {
  const id = useIdParam('id');
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const vote = useApi((s) => votesApi.get(id!, s), [id], id !== null);
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [busy, setBusy] = useState(false);
  const [check, setCheck] = useState<Receipt | null>(null);
  if (vote.error) return vote.error.status === 404 ? <NotFoundResult home="/m" /> : <ApiErrorResult error={vote.error} onRetry={vote.reload} />;
  if (!vote.data) return <Skeleton active style={{ padding: 16 }} />;
  const v = vote.data;
  const complete = v.matters.every((m) => answers[String(m.id)]);
  const cast = () => Modal.confirm({
    title: t('votes.ballot.confirm'), okText: t('votes.ballot.submit'),
    onOk: async () => {
      setBusy(true);
      try {
        await votesApi.cast(v.id, answers);
        vote.reload();
      } catch (err) {
        message.error(errorText(err));
      } finally {
        setBusy(false);
      }
    },
  });
  const checkReceipt = async (code: string) => {
    try {
      setCheck(await votesApi.receipt(code));
    } catch (err) {
      message.error(errorText(err));
    }
  };
  return (
    <div style={{ padding: 12 }}>
      <Typography.Title level={4} style={{ marginTop: 4, marginBottom: 4 }}>{v.title}</Typography.Title>
      <Space style={{ marginBottom: 12 }}><VoteStateTag state={v.state} /><Typography.Text type="secondary">{v.compoundName} · {t('votes.detail.endsAt', { time: dayjs(v.endsAt).format('MM-DD HH:mm') })}</Typography.Text></Space>
      {v.description && <Typography.Paragraph type="secondary" ellipsis={{ rows: 3, expandable: true }}>{v.description}</Typography.Paragraph>}
      {v.myBallot.cast && (
        <Card style={{ marginBottom: 12, borderColor: '#b7eb8f', background: '#f6ffed' }} data-testid="ballot-cast">
          <Result status="success" icon={<CheckCircleFilled />} style={{ padding: 8 }} title={t('votes.ballot.receipt')}
            subTitle={v.myBallot.castAt ? dayjs(v.myBallot.castAt).format('YYYY-MM-DD HH:mm') : undefined}
            extra={v.myBallot.receipt && (
              <div>
                <Typography.Text code copyable style={{ fontSize: 22, letterSpacing: 2 }} data-testid="receipt-code">{v.myBallot.receipt}</Typography.Text>
                <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t('votes.ballot.receiptHint')}</Typography.Paragraph>
                <Button block size="large" icon={<SafetyCertificateOutlined />} onClick={() => void checkReceipt(v.myBallot.receipt!)} data-testid="receipt-check">{t('votes.ballot.check')}</Button>
                {v.myBallot.voterKey && (
                  <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 10, marginBottom: 0, textAlign: 'left' }}>
                    {t('votes.ballot.pseudonyms')}<Typography.Text code style={{ fontSize: 12 }}>{v.myBallot.voterKey}</Typography.Text>
                    {v.myBallot.units.map((u) => <span key={u.unitKey}> · {u.label} <Typography.Text code style={{ fontSize: 12 }}>{u.unitKey}</Typography.Text></span>)}
                  </Typography.Paragraph>
                )}
              </div>
            )} />
          {check && (
            <Alert type={check.inChain ? 'success' : 'error'} showIcon style={{ marginTop: 8 }} data-testid="receipt-result"
              message={check.inChain ? t('votes.receipt.intact') : t('votes.receipt.broken')}
              description={<div>
                <div>{t('votes.receipt.seq', { seq: check.chainSeq })} · {check.enteredBy === 'owner' ? t('votes.receipt.online') : t('votes.receipt.paper')}</div>
                {check.answers.map((a) => <div key={a.matterId}>{a.title}：<b style={{ color: answerColor[a.answer] }}>{t(`votes.answer.${a.answer}`)}</b></div>)}
              </div>} />
          )}
        </Card>
      )}
      {v.state === 'open' && !v.myBallot.eligible && <Alert type="info" showIcon message={t('votes.ballot.notEligible')} style={{ marginBottom: 12 }} />}
      {v.abilities.cast && (
        <>
          <Alert type="warning" showIcon message={t('votes.ballot.intro')} style={{ marginBottom: 12 }} />
          {v.matters.map((m) => (
            <Card key={m.id} style={{ marginBottom: 12 }}>
              <Typography.Paragraph strong style={{ fontSize: 17, marginBottom: 6 }}>{m.position}. {m.title}</Typography.Paragraph>
              <div style={{ marginBottom: 12 }}><ClassTag cls={m.class} /><Typography.Text type="secondary" style={{ fontSize: 13 }}>{t(`votes.classHint.${m.class}`)}</Typography.Text></div>
              <Radio.Group value={answers[String(m.id)]} onChange={(e) => setAnswers({ ...answers, [String(m.id)]: e.target.value })} style={{ display: 'flex', gap: 8 }} data-testid={`answer-${m.position}`}>
                {(['agree', 'oppose', 'abstain'] as const).map((a) => (
                  <Radio.Button key={a} value={a} style={{ flex: 1, height: 56, lineHeight: '54px', textAlign: 'center', fontSize: 18, ...(answers[String(m.id)] === a ? { background: answerColor[a], borderColor: answerColor[a], color: '#fff' } : {}) }} data-testid={`answer-${m.position}-${a}`}>
                    {t(`votes.answer.${a}`)}
                  </Radio.Button>
                ))}
              </Radio.Group>
            </Card>
          ))}
          <Button type="primary" size="large" block disabled={!complete} loading={busy} onClick={cast} style={{ height: 52, fontSize: 18 }} data-testid="ballot-submit">
            {complete ? t('votes.ballot.submit') : t('votes.ballot.incomplete')}
          </Button>
        </>
      )}
      {v.state === 'open' && (
        <Card size="small" title={t('votes.detail.participation')} style={{ marginTop: 12 }}>
          <ParticipationBars compact area={v.participation.areaHundredths} heads={v.participation.heads} totalArea={v.participation.totalAreaHundredths} totalHeads={v.participation.totalHeads} />
        </Card>
      )}
      {v.result && <div style={{ marginTop: 12 }}><ResultCard result={v.result} showUnits={false} /></div>}
    </div>
  );
}
