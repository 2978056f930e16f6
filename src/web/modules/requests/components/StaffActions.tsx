import {
  CheckCircleOutlined, CloseCircleOutlined, MergeCellsOutlined, PlayCircleOutlined, RollbackOutlined, SendOutlined,
  SolutionOutlined, TeamOutlined, ToolOutlined, MessageOutlined,
} from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import { useState, type ReactNode } from 'react';
import { useErrorText } from '../../../app/components/Results';
import { useI18n } from '../../../app/i18n';
import { requestsApi } from '../api/requests';
import type { Abilities, AssigneeKind, RequestSummary } from '../api/types';
import { ConsultationModal } from './ConsultationModal';
import { DispatchModal } from './DispatchModal';
import { MergeModal } from './MergeModal';
import { NoteModal, type NoteModalProps } from './NoteModal';

type Open = 'dispatch' | 'merge' | 'consult' | 'escalate' | 'cancel' | 'return' | 'progress' | 'resolve' | null;

/**
 * The steps staff may take on a request, exactly those the server's `abilities` allow:
 * dispatcher (dispatch, merge, 三方会诊, cancel) and assignee (accept, return, start, progress, resolve).
 */
export function StaffActions({ request, abilities, onDone, size = 'middle', suggestedKind }: {
  request: RequestSummary;
  abilities: Abilities;
  onDone: () => void;
  size?: 'small' | 'middle';
  suggestedKind?: AssigneeKind | null;
}) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  const id = request.id;

  const run = async (step: () => Promise<unknown>) => {
    try {
      await step();
      message.success(t('requests.common.done'));
      onDone();
    } catch (err) {
      message.error(errorText(err));
      throw err;
    }
  };
  const confirmStep = (title: string, step: () => Promise<unknown>) =>
    modal.confirm({ title, onOk: () => run(step).catch(() => undefined) });

  const buttons: { key: string; show: boolean; node: ReactNode }[] = [
    { key: 'accept', show: abilities.accept, node: <Button type="primary" size={size} icon={<CheckCircleOutlined />} data-testid="step-accept" onClick={() => confirmStep(t('requests.step.acceptConfirm', { id }), () => requestsApi.accept(id))}>{t('requests.step.accept')}</Button> },
    { key: 'start', show: abilities.start, node: <Button size={size} icon={<PlayCircleOutlined />} data-testid="step-start" onClick={() => confirmStep(t('requests.step.startConfirm', { id }), () => requestsApi.start(id))}>{t('requests.step.start')}</Button> },
    { key: 'progress', show: abilities.progress, node: <Button size={size} icon={<MessageOutlined />} data-testid="step-progress" onClick={() => setOpen('progress')}>{t('requests.step.progress')}</Button> },
    { key: 'resolve', show: abilities.resolve, node: <Button type="primary" size={size} icon={<ToolOutlined />} data-testid="step-resolve" onClick={() => setOpen('resolve')}>{t('requests.step.resolve')}</Button> },
    { key: 'return', show: abilities.return, node: <Button size={size} icon={<RollbackOutlined />} data-testid="step-return" onClick={() => setOpen('return')}>{t('requests.step.return')}</Button> },
    { key: 'dispatch', show: abilities.dispatch, node: <Button type="primary" size={size} icon={<SendOutlined />} data-testid="step-dispatch" onClick={() => setOpen('dispatch')}>{t('requests.step.dispatch')}</Button> },
    { key: 'merge', show: abilities.merge, node: <Button size={size} icon={<MergeCellsOutlined />} data-testid="step-merge" onClick={() => setOpen('merge')}>{t('requests.step.merge')}</Button> },
    { key: 'escalate', show: abilities.escalate, node: <Button size={size} icon={<TeamOutlined />} data-testid="step-escalate" onClick={() => setOpen('escalate')}>{t('requests.step.escalate')}</Button> },
    { key: 'consult', show: abilities.consult, node: <Button type="primary" size={size} icon={<SolutionOutlined />} data-testid="step-consult" onClick={() => setOpen('consult')}>{t('requests.step.consult')}</Button> },
    { key: 'cancel', show: abilities.cancel, node: <Button size={size} danger icon={<CloseCircleOutlined />} data-testid="step-cancel" onClick={() => setOpen('cancel')}>{t('requests.step.cancel')}</Button> },
  ];

  const notes: Record<'escalate' | 'cancel' | 'return' | 'progress' | 'resolve', Omit<NoteModalProps, 'open' | 'onClose'>> = {
    escalate: { title: `${t('requests.step.escalate')} · #${id}`, label: t('requests.common.reason'), placeholder: t('requests.step.escalatePlaceholder'), required: true, onSubmit: (note) => run(() => requestsApi.escalate(id, note)) },
    cancel: { title: `${t('requests.step.cancel')} · #${id}`, label: t('requests.common.reason'), placeholder: t('requests.common.cancelPlaceholder'), required: true, danger: true, onSubmit: (note) => run(() => requestsApi.cancel(id, note)) },
    return: { title: `${t('requests.step.return')} · #${id}`, label: t('requests.step.returnReason'), placeholder: t('requests.step.returnPlaceholder'), required: true, onSubmit: (note) => run(() => requestsApi.return(id, note)) },
    progress: { title: `${t('requests.step.progress')} · #${id}`, label: t('requests.step.note'), placeholder: t('requests.step.progressPlaceholder'), required: true, onSubmit: (note) => run(() => requestsApi.progress(id, note)) },
    resolve: { title: `${t('requests.step.resolve')} · #${id}`, label: t('requests.step.note'), placeholder: t('requests.step.resolvePlaceholder'), required: true, withPhotos: true, onSubmit: (note, photos) => run(() => requestsApi.resolve(id, note, photos)) },
  };
  const noteKey = open && open in notes ? (open as keyof typeof notes) : null;

  const shown = buttons.filter((b) => b.show);
  if (shown.length === 0) return null;
  return (
    <>
      <Space wrap size={8} onClick={(e) => e.stopPropagation()}>
        {shown.map((b) => <span key={b.key}>{b.node}</span>)}
      </Space>
      {abilities.dispatch && <DispatchModal requests={[request]} open={open === 'dispatch'} onClose={close} onDone={onDone} suggestedKind={suggestedKind} />}
      {abilities.merge && <MergeModal request={request} open={open === 'merge'} onClose={close} onDone={onDone} />}
      {abilities.consult && <ConsultationModal request={request} open={open === 'consult'} onClose={close} onDone={onDone} />}
      {noteKey && <NoteModal open onClose={close} {...notes[noteKey]} />}
    </>
  );
}
