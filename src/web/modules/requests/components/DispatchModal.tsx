import { Alert, App, Form, Input, Modal, Radio, Select, Skeleton, type ButtonProps } from 'antd';
import { useEffect } from 'react';
import { limits } from '../../../../shared/limits';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { requestsApi } from '../api/requests';
import { assigneeKinds, type AssigneeKind, type DispatchInput, type Priority, type RequestSummary } from '../api/types';
import { useCategoryName } from '../hooks/useCategoryName';
import { useModalSubmit } from '../hooks/useModalSubmit';
import { assigneeOptions, assigneeTarget } from './assignee';

interface Values {
  assigneeKind: AssigneeKind;
  target?: number;
  categoryId?: number;
  priority?: Priority;
  note?: string;
}

/**
 * 社区发单: one request (with its category confirmed) or many at once. The targets come from
 * the first request's compound; a property company left empty means "the compound's own".
 */
export function DispatchModal({ requests, open, onClose, onDone, suggestedKind }: {
  requests: RequestSummary[];
  open: boolean;
  onClose: () => void;
  onDone: () => void;
  suggestedKind?: AssigneeKind | null;
}) {
  const { t } = useI18n();
  const categoryName = useCategoryName();
  const { modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { busy, run } = useModalSubmit(() => { onDone(); onClose(); });
  const single = requests.length === 1 ? requests[0] : undefined;
  const firstId = requests[0]?.id;
  const assignees = useApi((signal) => requestsApi.assignees(firstId!, signal), [firstId], open && firstId !== undefined);
  const categories = useApi((signal) => requestsApi.categories(signal), [], open && !!single);
  const kind = Form.useWatch('assigneeKind', form) ?? 'property_company';
  const mixed = new Set(requests.map((r) => r.compound.id)).size > 1;

  useEffect(() => {
    if (open) form.setFieldsValue({ assigneeKind: suggestedKind ?? 'property_company', target: undefined, categoryId: single?.category.id, priority: single?.priority, note: undefined });
  }, [open, single, suggestedKind, form]);

  const a = assignees.data;
  const options = assigneeOptions(a, kind);

  // One company serving the compound: pick it, so the dispatcher sees where it goes.
  useEffect(() => {
    if (open && kind === 'property_company' && a?.companies.length === 1 && !mixed) form.setFieldValue('target', a.companies[0]!.id);
  }, [open, kind, a, mixed, form]);

  const submit = async () => {
    const v = await form.validateFields();
    const body: DispatchInput = { ...assigneeTarget(v.assigneeKind, v.target), note: v.note?.trim() || null };
    await run(async () => {
      if (single) {
        await requestsApi.dispatch(single.id, { ...body, categoryId: v.categoryId !== single.category.id ? v.categoryId : undefined, priority: v.priority !== single.priority ? v.priority : undefined });
        return t('requests.common.done');
      }
      const { results } = await requestsApi.bulkDispatch(requests.map((r) => r.id), body);
      const failed = results.filter((r) => !r.ok);
      const summary = t('requests.dispatch.bulkResult', { ok: results.length - failed.length, failed: failed.length });
      if (failed.length === 0) return summary;
      modal.warning({ title: summary, content: failed.map((f) => <div key={f.id}>{t('requests.dispatch.bulkFailedItem', { id: f.id, message: f.error?.message ?? '' })}</div>) });
      return undefined;
    });
  };

  return (
    <Modal
      open={open}
      title={single ? `${t('requests.dispatch.title')} · #${single.id} ${categoryName(single.category)}` : t('requests.dispatch.bulkTitle', { count: requests.length })}
      okText={t('requests.step.dispatch')}
      okButtonProps={{ loading: busy, 'data-testid': 'dispatch-ok' } as ButtonProps}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      {!a && !assignees.error ? <Skeleton active /> : (
        <Form form={form} layout="vertical" initialValues={{ assigneeKind: 'property_company' }} style={{ marginTop: 16 }}>
          {mixed && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('requests.dispatch.mixedCompounds')} />}
          <Form.Item name="assigneeKind" label={t('requests.dispatch.kind')}>
            <Radio.Group optionType="button" buttonStyle="solid" onChange={() => form.setFieldValue('target', undefined)}
              options={assigneeKinds.map((k) => ({ value: k, label: t(`requests.assignee.${k}`) }))} />
          </Form.Item>
          <Form.Item
            name="target"
            label={t('requests.dispatch.target')}
            rules={kind === 'property_company' ? [] : [{ required: true, message: t('requests.dispatch.targetRequired') }]}
          >
            <Select
              data-testid="dispatch-target"
              showSearch={{ optionFilterProp: 'label' }}
              allowClear={kind === 'property_company'}
              placeholder={kind === 'property_company' ? t('requests.dispatch.defaultCompany') : t('requests.dispatch.targetRequired')}
              options={options}
            />
          </Form.Item>
          {single && (
            <div style={{ display: 'flex', gap: 12 }}>
              <Form.Item name="categoryId" label={t('requests.dispatch.changeCategory')} style={{ flex: 1 }}>
                <Select options={(categories.data ?? []).filter((c) => c.active || c.id === single.category.id).map((c) => ({ value: c.id, label: categoryName(c) }))} />
              </Form.Item>
              <Form.Item name="priority" label={t('requests.dispatch.priority')}>
                <Radio.Group optionType="button" options={[{ value: 'normal', label: t('requests.dispatch.normal') }, { value: 'urgent', label: t('requests.common.urgent') }]} />
              </Form.Item>
            </div>
          )}
          <Form.Item name="note" label={t('requests.step.note')} style={{ marginBottom: 0 }}>
            <Input.TextArea rows={2} maxLength={limits.noteMax} placeholder={t('requests.step.notePlaceholder')} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
