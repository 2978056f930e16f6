import { DeleteOutlined, EditOutlined, PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Switch, Table, Tag, Typography, type ButtonProps } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { PageHeading } from '../../../app/components/PageHeading';
import { ApiErrorResult, useErrorText } from '../../../app/components/Results';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { requestsApi } from '../api/requests';
import { assigneeKinds, type Category, type ClassificationRule, type ClassifyResult, type RuleInput } from '../api/types';
import { useCategoryName } from '../hooks/useCategoryName';
import { useModalSubmit } from '../hooks/useModalSubmit';

interface RuleForm {
  categoryId?: number;
  keywords: string[];
  weight: number;
  suggestUrgent: boolean;
  assigneeKind?: RuleInput['assigneeKind'];
}

/** Add or edit one rule: category, keywords as a tag input, weight, urgent hint, assignee kind. */
function RuleModal({ rule, open, categories, onClose, onSaved }: {
  rule: ClassificationRule | null; open: boolean; categories: Category[]; onClose: () => void; onSaved: () => void;
}) {
  const { t } = useI18n();
  const categoryName = useCategoryName();
  const [form] = Form.useForm<RuleForm>();
  const { busy, run } = useModalSubmit(() => { onSaved(); onClose(); });

  const submit = async () => {
    const v = await form.validateFields();
    const body: RuleInput = {
      categoryId: v.categoryId!, keywords: v.keywords.map((k) => k.trim()).filter(Boolean),
      weight: v.weight, suggestUrgent: v.suggestUrgent, assigneeKind: v.assigneeKind ?? null,
    };
    await run(async () => {
      if (rule) await requestsApi.updateRule(rule.id, body);
      else await requestsApi.createRule(body);
      return t('requests.rules.saved');
    });
  };

  return (
    <Modal open={open} title={rule ? t('requests.rules.edit') : t('requests.rules.add')} onOk={() => void submit().catch(() => undefined)} onCancel={onClose}
      okButtonProps={{ loading: busy, 'data-testid': 'rule-ok' } as ButtonProps} destroyOnHidden width={560}>
      <Form<RuleForm> form={form} layout="vertical" preserve={false} style={{ marginTop: 16 }}
        initialValues={rule
          ? { categoryId: rule.categoryId, keywords: rule.keywords, weight: rule.weight, suggestUrgent: rule.suggestUrgent, assigneeKind: rule.assigneeKind ?? undefined }
          : { keywords: [], weight: 10, suggestUrgent: false }}>
        <Form.Item name="categoryId" label={t('requests.rules.category')} rules={[{ required: true, message: t('requests.rules.categoryRequired') }]}>
          <Select data-testid="rule-category" showSearch={{ optionFilterProp: 'label' }}
            options={categories.map((c) => ({ value: c.id, label: categoryName(c) }))} />
        </Form.Item>
        <Form.Item name="keywords" label={t('requests.rules.keywords')} rules={[{ required: true, type: 'array', min: 1, message: t('requests.rules.keywordsRequired') }]}>
          <Select data-testid="rule-keywords" mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', ' ', '、']}
            placeholder={t('requests.rules.keywordsPlaceholder')} maxCount={50} />
        </Form.Item>
        <Space size={24} align="start">
          <Form.Item name="weight" label={t('requests.rules.weight')}>
            <InputNumber min={1} max={100} precision={0} style={{ width: 100 }} />
          </Form.Item>
          <Form.Item name="suggestUrgent" label={t('requests.rules.urgent')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="assigneeKind" label={t('requests.rules.assignee')}>
            <Select allowClear placeholder={t('requests.rules.assigneeDefault')} style={{ width: 180 }}
              options={assigneeKinds.map((k) => ({ value: k, label: t(`requests.assignee.${k}`) }))} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

/** 试一试: classify a typed text with the rules as they are now. */
function TryBox({ categories }: { categories: Category[] }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const categoryName = useCategoryName();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ClassifyResult | null>(null);

  const run = async () => {
    if (!text.trim()) return;
    setBusy(true);
    try {
      setResult(await requestsApi.classify(text.trim()));
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const category = result?.categoryId ? categories.find((c) => c.id === result.categoryId) : undefined;

  return (
    <Card variant="borderless" size="small" title={<Space><ThunderboltOutlined style={{ color: '#c8161d' }} />{t('requests.rules.tryTitle')}</Space>} style={{ marginBottom: 16 }}>
      <Space.Compact style={{ width: '100%', maxWidth: 720 }}>
        <Input data-testid="try-text" value={text} onChange={(e) => setText(e.target.value)} onPressEnter={() => void run()} placeholder={t('requests.rules.tryPlaceholder')} maxLength={500} allowClear />
        <Button type="primary" loading={busy} onClick={() => void run()} data-testid="try-run">{t('requests.rules.tryButton')}</Button>
      </Space.Compact>
      {result && (
        <div data-testid="try-result" data-category-id={result.categoryId ?? ''} style={{ marginTop: 12, display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
          <Typography.Text type="secondary">{t('requests.rules.trySuggests')}</Typography.Text>
          {category ? <Tag color="red">{categoryName(category)}</Tag> : <Tag>{t('requests.rules.tryNone')}</Tag>}
          <Typography.Text type="secondary">{t('requests.rules.tryPriority')}</Typography.Text>
          {result.priority === 'urgent' ? <Tag color="volcano">{t('requests.common.urgent')}</Tag> : <Tag>{t('requests.dispatch.normal')}</Tag>}
          {result.assigneeKind && <Tag color="blue">{t(`requests.assignee.${result.assigneeKind}`)}</Tag>}
          {result.matchedKeywords.length > 0 && (
            <>
              <Typography.Text type="secondary">{t('requests.rules.tryMatched')}</Typography.Text>
              {result.matchedKeywords.map((k) => <Tag key={k} color="gold">{k}</Tag>)}
            </>
          )}
        </div>
      )}
    </Card>
  );
}

/** 智能分类关键词 — the keyword rules that suggest a category from a resident's words. */
export default function RulesPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const categoryName = useCategoryName();
  const [version, setVersion] = useState(0);
  const list = useApi((signal) => requestsApi.rules(signal), [version]);
  const categories = useApi((signal) => requestsApi.categories(signal), []);
  const [editing, setEditing] = useState<{ rule: ClassificationRule | null } | null>(null);
  const reload = () => setVersion((v) => v + 1);
  const cats = categories.data ?? [];
  const byId = new Map(cats.map((c) => [c.id, c]));

  const remove = async (r: ClassificationRule) => {
    try {
      await requestsApi.deleteRule(r.id);
      message.success(t('requests.rules.deleted'));
      reload();
    } catch (err) {
      message.error(errorText(err));
    }
  };

  if (list.error && !list.data) return <ApiErrorResult error={list.error} onRetry={reload} />;
  return (
    <div data-testid="rules-page">
      <PageHeading title={t('requests.rules.title')} subtitle={t('requests.rules.intro')}
        extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ rule: null })} data-testid="rule-add">{t('requests.rules.add')}</Button>} />
      <TryBox categories={cats} />
      <Card variant="borderless">
        <Table<ClassificationRule>
          rowKey="id"
          loading={list.loading}
          dataSource={list.data ?? []}
          size="middle"
          pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (count) => t('requests.rules.count', { count }) }}
          onRow={(r) => ({ 'data-rule-id': r.id }) as HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: t('requests.rules.category'), dataIndex: 'categoryId', width: 160,
              sorter: (a, b) => a.categoryId - b.categoryId,
              render: (id: number) => { const c = byId.get(id); return c ? <Typography.Text strong>{categoryName(c)}</Typography.Text> : `#${id}`; },
            },
            { title: t('requests.rules.keywords'), dataIndex: 'keywords', render: (ks: string[]) => <Space size={[4, 4]} wrap>{ks.map((k) => <Tag key={k} style={{ marginInlineEnd: 0 }}>{k}</Tag>)}</Space> },
            { title: t('requests.rules.weight'), dataIndex: 'weight', width: 90, sorter: (a, b) => a.weight - b.weight },
            { title: t('requests.rules.urgent'), dataIndex: 'suggestUrgent', width: 100, render: (u: boolean) => u ? <Tag color="volcano">{t('requests.common.urgent')}</Tag> : <Typography.Text type="secondary">–</Typography.Text> },
            { title: t('requests.rules.assignee'), dataIndex: 'assigneeKind', width: 130, render: (k: ClassificationRule['assigneeKind']) => k ? t(`requests.assignee.${k}`) : <Typography.Text type="secondary">{t('requests.rules.assigneeDefault')}</Typography.Text> },
            {
              title: t('requests.rules.actions'), key: 'actions', width: 120,
              render: (_: unknown, r) => (
                <Space size={0}>
                  <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing({ rule: r })} aria-label={t('requests.rules.edit')} />
                  <Popconfirm title={t('requests.rules.deleteConfirm')} onConfirm={() => remove(r)} okButtonProps={{ danger: true }}>
                    <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={t('requests.rules.deleteConfirm')} />
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <RuleModal key={editing?.rule?.id ?? 'new'} rule={editing?.rule ?? null} open={!!editing} categories={cats} onClose={() => setEditing(null)} onSaved={reload} />
    </div>
  );
}
