import { App, Button, Card, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useErrorText } from '../../../app/components/Results';
import { useI18n } from '../../../app/i18n';
import { ratingsApi, type Evidence, type RatingDetail, type Sheet } from '../api';
import { EvidenceInput, ScoreSheetInput } from './ScoreSheet';

type Done = (r: RatingDetail) => void;

function useSubmit(onDone: Done) {
  const { message } = App.useApp();
  const { t } = useI18n();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  return {
    busy,
    run: async (call: () => Promise<RatingDetail>) => {
      setBusy(true);
      try {
        onDone(await call());
        message.success(t('ratings.form.done'));
      } catch (e) { message.error(errorText(e)); } finally { setBusy(false); }
    },
  };
}

/** 自评: the company's scores per criterion, evidence and note. */
export function SelfEvaluationForm({ rating, onDone }: { rating: RatingDetail; onDone: Done }) {
  const { t } = useI18n();
  const [scores, setScores] = useState<Sheet>({});
  const [evidence, setEvidence] = useState<Evidence[]>([]);
  const [note, setNote] = useState('');
  const { busy, run } = useSubmit(onDone);
  return (
    <Card title={t('ratings.form.self')} variant="borderless" data-testid="self-form">
      <ScoreSheetInput rubric={rating.rubric.content} value={scores} onChange={setScores} testId="self-sheet" />
      <Typography.Title level={5}>{t('ratings.detail.evidence')}</Typography.Title>
      <EvidenceInput rubric={rating.rubric.content} value={evidence} onChange={setEvidence} />
      <Input.TextArea style={{ marginTop: 12 }} rows={2} placeholder={t('ratings.form.note')} value={note} onChange={(e) => setNote(e.target.value)} data-testid="self-note" />
      <Button type="primary" style={{ marginTop: 12 }} loading={busy} data-testid="self-submit"
        onClick={() => run(() => ratingsApi.selfEvaluate(rating.id, { scores, evidence, ...(note.trim() && { note }) }))}>{t('ratings.form.self')}</Button>
    </Card>
  );
}

/** 把关测评: one served community's committee scores the rating. */
export function AssessmentForm({ rating, onDone }: { rating: RatingDetail; onDone: Done }) {
  const { t } = useI18n();
  const [scores, setScores] = useState<Sheet>({});
  const [opinion, setOpinion] = useState('');
  const [communityId, setCommunityId] = useState(rating.abilities.assessFor[0]);
  const names = new Map(rating.pendingCommunities.map((c) => [c.id, c.name]));
  const { busy, run } = useSubmit(onDone);
  return (
    <Card title={t('ratings.form.assess')} variant="borderless" data-testid="assess-form"
      extra={rating.abilities.assessFor.length > 1 && <Select value={communityId} onChange={setCommunityId} options={rating.abilities.assessFor.map((id) => ({ value: id, label: names.get(id) ?? id }))} />}>
      <ScoreSheetInput rubric={rating.rubric.content} value={scores} onChange={setScores} testId="assess-sheet" />
      <Input.TextArea style={{ marginTop: 12 }} rows={3} placeholder={t('ratings.form.opinion')} value={opinion} onChange={(e) => setOpinion(e.target.value)} data-testid="assess-opinion" />
      <Button type="primary" style={{ marginTop: 12 }} loading={busy} data-testid="assess-submit"
        onClick={() => run(() => ratingsApi.assess(rating.id, { communityId, scores, opinion }))}>{t('ratings.form.assess')}</Button>
    </Card>
  );
}

/** 复核认定: the department's level (or refusal), reviewed score and written reason. */
export function CertifyForm({ rating, onDone }: { rating: RatingDetail; onDone: Done }) {
  const { t } = useI18n();
  const [level, setLevel] = useState<number>(rating.suggestion.level ?? 0);
  const [score, setScore] = useState<number>(rating.suggestion.score ?? 0);
  const [reason, setReason] = useState('');
  const { busy, run } = useSubmit(onDone);
  return (
    <Card title={t('ratings.form.certify')} variant="borderless" data-testid="certify-form">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Radio.Group value={level} onChange={(e) => setLevel(e.target.value)} optionType="button" buttonStyle="solid" data-testid="certify-level"
          options={[{ value: 5, label: '五星级' }, { value: 4, label: '四星级' }, { value: 3, label: '三星级' }, { value: 0, label: t('ratings.form.refuse') }]} />
        <Space>{t('ratings.form.score')}<InputNumber min={0} max={1000} value={score} onChange={(v) => setScore(v ?? 0)} data-testid="certify-score" /></Space>
        <Input.TextArea rows={3} placeholder={t('ratings.form.reason')} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="certify-reason" />
        <Button type="primary" loading={busy} data-testid="certify-submit" onClick={() => run(() => ratingsApi.certify(rating.id, { level, score, reason }))}>{t('ratings.form.certify')}</Button>
      </Space>
    </Card>
  );
}

/** 动态降级: propose (department), answer (company), decide (department). */
export function LoweringForms({ rating, onDone }: { rating: RatingDetail; onDone: Done }) {
  const { t } = useI18n();
  const a = rating.abilities;
  const [toLevel, setToLevel] = useState<number>(Math.max(0, (rating.level ?? 3) - 1) >= 3 ? (rating.level ?? 3) - 1 : 0);
  const [grounds, setGrounds] = useState<'figures' | 'complaints'>('figures');
  const [reason, setReason] = useState('');
  const [answerDays, setAnswerDays] = useState(10);
  const [answer, setAnswer] = useState('');
  const { busy, run } = useSubmit(onDone);
  if (!a.proposeLowering && !a.answer && !a.decideLowering) return null;
  return (
    <Card title={t('ratings.detail.lowering')} variant="borderless" data-testid="lowering-form">
      <Space direction="vertical" style={{ width: '100%' }}>
        {a.proposeLowering && (
          <>
            <Space wrap>
              {t('ratings.form.toLevel')}
              <Select value={toLevel} onChange={setToLevel} style={{ width: 120 }} options={[...[4, 3].filter((l) => l < (rating.level ?? 0)).map((l) => ({ value: l, label: `${l}★` })), { value: 0, label: t('ratings.form.revoke') }]} />
              {t('ratings.form.grounds')}
              <Select value={grounds} onChange={setGrounds} style={{ width: 240 }} options={[{ value: 'figures', label: t('ratings.form.grounds.figures') }, { value: 'complaints', label: t('ratings.form.grounds.complaints') }]} />
              {t('ratings.form.answerDays')}<InputNumber min={1} max={60} value={answerDays} onChange={(v) => setAnswerDays(v ?? 10)} />
            </Space>
            <Input.TextArea rows={2} placeholder={t('ratings.form.reason')} value={reason} onChange={(e) => setReason(e.target.value)} />
            <Button danger loading={busy} onClick={() => run(() => ratingsApi.lower(rating.id, { step: 'propose', toLevel, grounds, reason, answerDays }))}>{t('ratings.form.propose')}</Button>
          </>
        )}
        {a.answer && (
          <>
            <Input.TextArea rows={3} placeholder={t('ratings.detail.answer')} value={answer} onChange={(e) => setAnswer(e.target.value)} data-testid="lowering-answer" />
            <Button type="primary" loading={busy} onClick={() => run(() => ratingsApi.lower(rating.id, { step: 'answer', answer }))}>{t('ratings.form.submitAnswer')}</Button>
          </>
        )}
        {a.decideLowering && (
          <>
            <Input.TextArea rows={2} placeholder={t('ratings.form.reason')} value={reason} onChange={(e) => setReason(e.target.value)} />
            <Space>
              <Button danger loading={busy} onClick={() => run(() => ratingsApi.lower(rating.id, { step: 'decide', decision: 'lower', reason }))}>{t('ratings.form.decideLower')}</Button>
              <Button loading={busy} onClick={() => run(() => ratingsApi.lower(rating.id, { step: 'decide', decision: 'withdraw', reason }))}>{t('ratings.form.withdraw')}</Button>
            </Space>
          </>
        )}
      </Space>
    </Card>
  );
}
