import { BulbOutlined, CheckCircleFilled } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Form, Input, Result, Select, Skeleton, Tag, Typography, type UploadFile } from 'antd';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { limits } from '../../../../shared/limits';
import { useMe } from '../../../app/auth';
import { useErrorText } from '../../../app/components/Results';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { placesApi, type Building, type Household } from '../../places/api';
import { requestsApi } from '../api/requests';
import { locationKinds, type ClassifyResult, type LocationKind, type RequestDetail } from '../api/types';
import { filesOf, PhotoPicker } from '../components/PhotoPicker';
import { useCategoryName } from '../hooks/useCategoryName';

interface Values {
  description: string;
  categoryId?: number;
  urgent: boolean;
  locationKind: LocationKind;
  buildingId?: number;
  locationText?: string;
  photos?: UploadFile[];
  contactTime?: string;
}

const contactChoices = ['requests.filing.contactAny', 'requests.filing.contactMorning', 'requests.filing.contactAfternoon', 'requests.filing.contactEvening', 'requests.filing.contactWeekend'];

/** A fresh key per form: a double tap or a retry of the same form never files twice. */
function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // Plain-HTTP deployments have no randomUUID; 128 random bits do the same job.
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Buildings to pick from: the compound's (a resident sees the building names of their own
 * compound), else — while they load or if the call fails — at least the resident's own (its name
 * is the household label between the compound and the unit).
 */
function buildingChoices(list: Building[] | undefined, own: Household | undefined, compoundName = ''): { value: number; label: string }[] {
  if (list && list.length > 0) return list.map((b) => ({ value: b.id, label: b.name }));
  if (!own) return [];
  const name = own.label.replace(compoundName, '').replace(`${own.unitName} ${own.number}`, '').trim();
  return [{ value: own.buildingId, label: name || own.label }];
}

/** Chips: one choice among a few, big enough for a thumb. */
function Chips<T extends string | number>({ value, onChange, options, testId }: { value?: T; onChange?: (v: T | undefined) => void; options: { value: T; label: ReactNode }[]; testId?: string }) {
  return (
    <div className="gz-chips" data-testid={testId}>
      {options.map((o) => (
        <Tag.CheckableTag key={String(o.value)} checked={value === o.value} onChange={(checked) => onChange?.(checked ? o.value : undefined)} className="gz-chip">
          {o.label}
        </Tag.CheckableTag>
      ))}
    </div>
  );
}

/** 居民下单 — report a problem from the phone. */
export default function NewRequestPage() {
  const { t } = useI18n();
  const categoryName = useCategoryName();
  const me = useMe();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [filed, setFiled] = useState<RequestDetail>();
  const idempotencyKey = useRef(newIdempotencyKey());
  const [suggestion, setSuggestion] = useState<ClassifyResult>();
  const pickedByHand = useRef(false);

  const categories = useApi((signal) => requestsApi.categories(signal), []);
  const home = me.household;
  const household = useApi((signal) => placesApi.household(home!.id, signal), [home?.id], !!home);
  const description = Form.useWatch('description', form) ?? '';
  const locationKind = Form.useWatch('locationKind', form);
  // The compound's buildings, asked for only once a common place is chosen.
  const commonPlace = !!locationKind && locationKind !== 'own_unit';
  const buildings = useApi((signal) => placesApi.buildings(home!.compoundId, { q: '', page: 1, pageSize: 100 }, signal), [home?.compoundId], !!home && commonPlace);
  const buildingOptions = buildingChoices(buildings.data?.items, household.data, home?.compoundName);

  // Suggest a category as they type (debounced); it is chosen for them until they pick one.
  useEffect(() => {
    const text = description.trim();
    if (text.length < 3) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      requestsApi.classify(text, controller.signal).then((s) => {
        setSuggestion(s);
        if (!pickedByHand.current && s.categoryId) form.setFieldValue('categoryId', s.categoryId);
        if (!pickedByHand.current && s.priority === 'urgent') form.setFieldValue('urgent', true);
      }).catch(() => undefined);
    }, 500);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [description, form]);

  // The building defaults to the resident's own.
  useEffect(() => {
    if (household.data && form.getFieldValue('buildingId') === undefined) form.setFieldValue('buildingId', household.data.buildingId);
  }, [household.data, form]);

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      const request = await requestsApi.file({
        description: v.description.trim(),
        categoryId: v.categoryId,
        priority: v.urgent ? 'urgent' : 'normal',
        locationKind: v.locationKind,
        buildingId: v.locationKind === 'own_unit' ? undefined : v.buildingId ?? null,
        locationText: v.locationText?.trim() || null,
        contactTime: v.contactTime || null,
      }, filesOf(v.photos), idempotencyKey.current);
      setFiled(request);
      window.scrollTo({ top: 0 });
    } catch (err) {
      // The same key goes with a retry: if the first try did reach the server, no second request is filed.
      message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  if (filed) {
    return (
      <Card variant="borderless" data-testid="request-filed" data-request-id={filed.id}>
        <Result
          icon={<CheckCircleFilled style={{ color: '#52c41a' }} />}
          title={t('requests.filing.submitted')}
          subTitle={<>{t('requests.filing.submittedNo', { id: filed.id })}<br />{categoryName(filed.category)} · {filed.locationLabel}</>}
          extra={[
            <Button key="view" type="primary" onClick={() => navigate(`/m/requests/${filed.id}`)} data-testid="view-progress">{t('requests.filing.viewProgress')}</Button>,
            <Button key="again" onClick={() => { idempotencyKey.current = newIdempotencyKey(); pickedByHand.current = false; setSuggestion(undefined); form.resetFields(); setFiled(undefined); }}>{t('requests.filing.fileAnother')}</Button>,
          ]}
        />
      </Card>
    );
  }

  const active = (categories.data ?? []).filter((c) => c.active);
  return (
    <div data-testid="new-request-page">
      <div style={{ padding: '4px 4px 12px' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('requests.filing.title')}</Typography.Title>
        <Typography.Text type="secondary">{t('requests.filing.intro')}</Typography.Text>
      </div>
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)} initialValues={{ locationKind: 'own_unit', urgent: false }} className="gz-req-form">
        <Card variant="borderless" size="small" style={{ marginBottom: 12 }}>
          <Form.Item name="description" label={t('requests.filing.description')} rules={[{ required: true, whitespace: true, min: 2, message: t('requests.filing.descriptionRequired') }]}>
            <Input.TextArea rows={4} maxLength={limits.descriptionMax} showCount placeholder={t('requests.filing.descriptionPlaceholder')} data-testid="description" />
          </Form.Item>
          <Form.Item
            name="categoryId"
            label={<span>{t('requests.filing.category')} <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400 }}>{t('requests.filing.categoryHint')}</Typography.Text></span>}
            style={{ marginBottom: 8 }}
          >
            {categories.data ? (
              <Chips<number>
                testId="category-chips"
                onChange={() => { pickedByHand.current = true; }}
                options={active.map((c) => ({
                  value: c.id,
                  label: <span data-category={c.code}>{suggestion?.categoryId === c.id && <BulbOutlined style={{ marginInlineEnd: 3 }} />}{categoryName(c)}</span>,
                }))}
              />
            ) : <Skeleton.Input active block />}
          </Form.Item>
          <Form.Item name="urgent" valuePropName="checked" style={{ marginBottom: 0 }}>
            <Checkbox>{t('requests.filing.markUrgent')}</Checkbox>
          </Form.Item>
        </Card>

        <Card variant="borderless" size="small" style={{ marginBottom: 12 }}>
          <Form.Item name="locationKind" label={t('requests.filing.where')} style={{ marginBottom: locationKind === 'own_unit' ? 4 : 12 }}>
            <Chips<LocationKind> testId="location-chips" options={locationKinds.map((k) => ({ value: k, label: t(`requests.location.${k}`) }))} />
          </Form.Item>
          {locationKind === 'own_unit' ? (
            home && <Typography.Text type="secondary" style={{ fontSize: 13 }}>{home.label}</Typography.Text>
          ) : (
            <>
              {buildingOptions.length > 0 && (
                <Form.Item name="buildingId" label={t('requests.filing.building')} style={{ marginBottom: 12 }}>
                  <Select allowClear placeholder={t('requests.filing.buildingPlaceholder')} options={buildingOptions} />
                </Form.Item>
              )}
              <Form.Item name="locationText" label={t('requests.filing.locationText')} style={{ marginBottom: 4 }}>
                <Input maxLength={200} placeholder={t('requests.filing.locationTextPlaceholder')} />
              </Form.Item>
            </>
          )}
        </Card>

        <Card variant="borderless" size="small" style={{ marginBottom: 12 }}>
          <Form.Item
            name="photos"
            label={<span>{t('requests.filing.photos')} <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400 }}>{t('requests.filing.photosHint', { max: limits.photosPerRequest, mb: limits.photoBytesMax / 1024 / 1024 })}</Typography.Text></span>}
            style={{ marginBottom: 0 }}
          >
            <PhotoPicker />
          </Form.Item>
        </Card>

        <Card variant="borderless" size="small" style={{ marginBottom: 16 }}>
          <Form.Item name="contactTime" label={t('requests.filing.contactTime')} style={{ marginBottom: 4 }}>
            <Chips<string> options={contactChoices.map((k) => ({ value: t(k), label: t(k) }))} />
          </Form.Item>
        </Card>

        <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="submit-request" style={{ height: 48, fontSize: 17 }}>
          {t('requests.filing.submit')}
        </Button>
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Link to="/m/requests">{t('requests.mine.title')}</Link>
        </div>
      </Form>
    </div>
  );
}
