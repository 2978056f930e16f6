import { App, Card, InputNumber, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { PageHeading } from '../../../app/components/PageHeading';
import { ApiErrorResult, useErrorText } from '../../../app/components/Results';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { requestsApi } from '../api/requests';
import type { Category, CategoryPatch } from '../api/types';
import { forgetCategoryNames } from '../hooks/useCategoryName';

type MinuteField = 'respondMinutes' | 'resolveMinutes' | 'urgentRespondMinutes' | 'urgentResolveMinutes';
const MAX_MINUTES = 60 * 24 * 60;

/** A minutes cell that saves when it loses focus (or on Enter) and only if the value changed. */
function MinutesCell({ category, field, onSave }: { category: Category; field: MinuteField; onSave: (c: Category, patch: CategoryPatch) => Promise<void> }) {
  const { t } = useI18n();
  const [value, setValue] = useState<number | null>(category[field]);
  const save = () => {
    if (value === null || value === category[field]) return setValue(category[field]);
    void onSave(category, { [field]: value }).catch(() => setValue(category[field]));
  };
  return (
    <InputNumber size="small" min={1} max={MAX_MINUTES} precision={0} value={value} onChange={setValue} onBlur={save} onPressEnter={save}
      suffix={<span style={{ color: 'rgba(0,0,0,0.35)', fontSize: 12 }}>{t('requests.categories.minutesSuffix')}</span>} style={{ width: 118 }} aria-label={`${category.name} ${field}`} />
  );
}

/** 诉求分类 — SLA minutes per category, and which categories residents can pick. */
export default function CategoriesPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const list = useApi((signal) => requestsApi.categories(signal), []);
  const [rows, setRows] = useState<Record<number, Category>>({});
  const data = (list.data ?? []).map((c) => rows[c.id] ?? c);

  const save = async (c: Category, patch: CategoryPatch) => {
    try {
      const updated = await requestsApi.updateCategory(c.id, patch);
      setRows((r) => ({ ...r, [c.id]: updated }));
      forgetCategoryNames();
      message.success(t('requests.categories.saved', { name: c.name }));
    } catch (err) {
      message.error(errorText(err));
      throw err;
    }
  };

  if (list.error && !list.data) return <ApiErrorResult error={list.error} onRetry={list.reload} />;
  const minutes = (field: MinuteField, title: string) => ({
    title, key: field, width: 140, render: (_: unknown, c: Category) => <MinutesCell key={`${c.id}-${c[field]}`} category={c} field={field} onSave={save} />,
  });
  return (
    <>
      <PageHeading title={t('requests.categories.title')} subtitle={t('requests.categories.intro')} />
      <Card variant="borderless">
        <Table<Category>
          rowKey="id"
          loading={list.loading}
          dataSource={data}
          pagination={false}
          size="middle"
          columns={[
            { title: t('requests.categories.name'), dataIndex: 'name', render: (name: string, c) => <span><Typography.Text strong>{name}</Typography.Text>{c.nameEn && <Typography.Text type="secondary"> · {c.nameEn}</Typography.Text>}<br /><Typography.Text type="secondary" style={{ fontSize: 12 }}>{c.code}</Typography.Text></span> },
            minutes('respondMinutes', t('requests.categories.respond')),
            minutes('resolveMinutes', t('requests.categories.resolve')),
            minutes('urgentRespondMinutes', t('requests.categories.urgentRespond')),
            minutes('urgentResolveMinutes', t('requests.categories.urgentResolve')),
            { title: t('requests.categories.assignee'), dataIndex: 'defaultAssigneeKind', width: 110, render: (k: Category['defaultAssigneeKind']) => t(`requests.assignee.${k}`) },
            { title: t('requests.categories.hours'), dataIndex: 'businessHours', width: 110, render: (h: string | null) => h ? <Tag>{h}</Tag> : <Tag color="green">{t('requests.categories.allDay')}</Tag> },
            { title: t('requests.categories.active'), dataIndex: 'active', width: 80, render: (active: boolean, c) => <Switch checked={active} onChange={(v) => void save(c, { active: v }).catch(() => undefined)} /> },
          ]}
        />
      </Card>
    </>
  );
}
