import { CheckCircleFilled, CloseOutlined, EnvironmentOutlined, KeyOutlined, MinusOutlined, MoonFilled, PhoneFilled, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { App, Button, ConfigProvider, Drawer, Empty, Input, Select, Spin, theme } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { useLiveEvents } from '../../../app/useLiveEvents';
import { stationsApi, telHref, type Checkout, type CheckoutPurpose, type Item, type StationDetail } from '../api';
import { fmtShort } from '../format';
import { useStationErrorText } from '../hooks/useSubmit';

const nightTheme = { algorithm: theme.darkAlgorithm, token: { colorPrimary: '#ff4d4f', fontSize: 16, borderRadius: 12, colorBgElevated: '#1f1f24' } };
/** Loans to residents name the borrower: they are recorded on the workbench, not at night. */
const quickPurposes: CheckoutPurpose[] = ['incident', 'drill', 'other'];

/** Chinese text as typed (no pinyin): every character sequence of the query must be in the name, category or location. */
export function matchesItem(item: Pick<Item, 'name' | 'category' | 'location'>, q: string): boolean {
  const hay = `${item.name} ${item.category} ${item.location ?? ''}`.toLowerCase();
  return q.trim().toLowerCase().split(/\s+/).filter(Boolean).every((part) => hay.includes(part));
}

/**
 * 夜间应急: the team member's phone page at 2 a.m. — dark, large buttons. Find an item, check it
 * out in two taps (the item, then 确认领用), see who holds the keys and call them, confirm one's
 * own key when a roll call asks, bring back what one took.
 */
export default function NightPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const wanted = Number(params.get('station')) || null;
  const stations = useApi((signal) => stationsApi.list({ q: '', page: 1, pageSize: 100 }, signal), []);
  const stationId = wanted ?? stations.data?.items[0]?.id ?? null;
  const [version, setVersion] = useState(0);
  const bump = () => setVersion((v) => v + 1);
  const station = useApi((signal) => stationsApi.get(stationId!, signal), [stationId, version], stationId !== null);
  const items = useApi((signal) => stationsApi.items(stationId!, { pageSize: 100 }, signal), [stationId, version], stationId !== null);
  const mine = useApi((signal) => stationsApi.checkouts(stationId!, { state: 'out', mine: true, pageSize: 20 }, signal), [stationId, version], stationId !== null);
  useLiveEvents<{ stationId?: number }>(['station.stock', 'station.updated'], (_topic, data) => { if (data.stationId === stationId) bump(); }, stationId !== null);
  const [q, setQ] = useState('');
  const [picked, setPicked] = useState<Item | null>(null);

  const shown = useMemo(() => {
    const all = items.data?.items ?? [];
    const found = q.trim() ? all.filter((i) => matchesItem(i, q)) : all;
    // Names that start with the search first, then what is on hand, rescue equipment before supplies.
    return [...found].sort((a, b) => Number(b.name.startsWith(q.trim())) - Number(a.name.startsWith(q.trim())) || Number(b.quantity > 0) - Number(a.quantity > 0) || a.section.localeCompare(b.section));
  }, [items.data, q]);
  const s = station.data;
  // Full screen: the page lives beside the workbench, which is hidden meanwhile (so nothing behind it widens the phone's viewport).
  useEffect(() => {
    document.body.classList.add('gz-night-open');
    return () => document.body.classList.remove('gz-night-open');
  }, []);

  return createPortal(
    <ConfigProvider theme={nightTheme}>
      <div className="gz-night" data-testid="night-page">
        <header className="gz-night-header">
          <div className="gz-night-title">
            <MoonFilled style={{ color: '#ffd666' }} />
            <div>
              <div className="gz-night-caption">{t('stations.night.title')}</div>
              <div className="gz-night-station">{s?.name ?? '…'}</div>
            </div>
          </div>
          <Button shape="circle" size="large" icon={<CloseOutlined />} aria-label={t('stations.night.exit')} onClick={() => navigate(s ? `/stations/${s.id}` : '/stations')} />
        </header>
        {(stations.data?.items.length ?? 0) > 1 && (
          <Select size="large" className="gz-night-picker" value={stationId ?? undefined} onChange={(id) => setParams({ station: String(id) }, { replace: true })}
            options={stations.data!.items.map((x) => ({ value: x.id, label: x.name }))} />
        )}
        {!s ? <div className="gz-night-loading"><Spin size="large" /></div> : (
          <>
            <RollCallBanner station={s} version={version} onAnswered={bump} />
            <div className="gz-night-search">
              <Input size="large" allowClear prefix={<SearchOutlined />} placeholder={t('stations.night.search')} value={q} onChange={(e) => setQ(e.target.value)} data-testid="night-search" />
            </div>
            <section className="gz-night-items" aria-label={t('stations.night.items')}>
              {shown.length === 0 && !items.loading && <Empty description={t('stations.night.none')} />}
              {shown.map((i) => (
                <button key={i.id} type="button" className={`gz-night-item${i.quantity === 0 ? ' gz-night-item-empty' : ''}`} onClick={() => setPicked(i)} data-testid="night-item" data-item-id={i.id} data-item-name={i.name}>
                  <span className="gz-night-item-main">
                    <span className="gz-night-item-name">{i.name}</span>
                    <span className="gz-night-item-where"><EnvironmentOutlined /> {i.location ?? i.category}</span>
                  </span>
                  <span className="gz-night-item-count">
                    <b data-testid="night-item-quantity">{i.quantity}</b>
                    <small>{i.quantity === 0 ? t('stations.night.noStock') : i.unit}</small>
                  </span>
                </button>
              ))}
            </section>
            <MyCheckouts list={mine.data?.items ?? []} onReturned={bump} />
            <KeyHolders station={s} />
          </>
        )}
        {picked && s && <CheckoutSheet station={s} item={picked} onClose={() => setPicked(null)} onDone={bump} />}
      </div>
    </ConfigProvider>,
    document.body,
  );
}

/** The bottom sheet: quantity (1 by default), purpose (an incident by default), one big button. */
function CheckoutSheet({ station, item, onClose, onDone }: { station: StationDetail; item: Item; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useStationErrorText();
  const [quantity, setQuantity] = useState(1);
  const [purpose, setPurpose] = useState<CheckoutPurpose>('incident');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Checkout | null>(null);
  const max = item.quantity;
  const confirm = async () => {
    setBusy(true);
    try {
      const c = await stationsApi.checkOut(station.id, { itemId: item.id, quantity, purpose });
      setDone(c);
      onDone();
    } catch (err) {
      message.error(errorText(err));
      onDone();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer open placement="bottom" height="auto" onClose={onClose} closable={false} className="gz-night-sheet" styles={{ body: { padding: 20 } }}>
      {done ? (
        <div className="gz-night-done" data-testid="night-done">
          <CheckCircleFilled style={{ fontSize: 56, color: '#52c41a' }} />
          <div className="gz-night-done-title">{t('stations.night.done', { quantity: done.quantity, unit: done.item.unit, name: done.item.name })}</div>
          <div className="gz-night-done-sub">
            {t('stations.night.left', { n: done.itemQuantityAfter ?? 0, unit: done.item.unit })}
            {done.dueAt && <> · {t('stations.night.dueBy', { time: fmtShort(done.dueAt) })}</>}
          </div>
          <Button block size="large" className="gz-night-big" onClick={onClose} data-testid="night-done-ok">{t('stations.night.ok')}</Button>
        </div>
      ) : (
        <div data-testid="night-sheet">
          <div className="gz-night-sheet-name">{item.name}</div>
          <div className="gz-night-sheet-where"><EnvironmentOutlined /> {item.location ?? '—'} · {t('stations.night.onHand', { n: item.quantity, unit: item.unit })}</div>
          {max === 0 ? <Empty description={t('stations.night.noStock')} /> : (
            <>
              <div className="gz-night-stepper">
                <Button shape="circle" size="large" icon={<MinusOutlined />} disabled={quantity <= 1} onClick={() => setQuantity((n) => n - 1)} aria-label="-" />
                <span className="gz-night-stepper-value" data-testid="night-quantity">{quantity}<small>{item.unit}</small></span>
                <Button shape="circle" size="large" icon={<PlusOutlined />} disabled={quantity >= max} onClick={() => setQuantity((n) => n + 1)} aria-label="+" />
              </div>
              <div className="gz-night-purposes" role="radiogroup" aria-label={t('stations.checkout.purpose')}>
                {quickPurposes.map((p) => (
                  <button key={p} type="button" role="radio" aria-checked={purpose === p} className={`gz-night-chip${purpose === p ? ' gz-night-chip-on' : ''}`} onClick={() => setPurpose(p)}>{t(`stations.purpose.${p}`)}</button>
                ))}
              </div>
              <Button type="primary" block size="large" className="gz-night-big" loading={busy} onClick={confirm} data-testid="night-confirm">
                {t('stations.night.confirm', { quantity, unit: item.unit })}
              </Button>
            </>
          )}
          <Button block size="large" type="text" onClick={onClose} style={{ marginTop: 8 }}>{t('stations.night.cancel')}</Button>
        </div>
      )}
    </Drawer>
  );
}

/** A roll call asking about one of my keys: two big answers. */
function RollCallBanner({ station, version, onAnswered }: { station: StationDetail; version: number; onAnswered: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useStationErrorText();
  const mine = useApi((signal) => stationsApi.myRollCalls(signal), [version], station.abilities.keys);
  const [busy, setBusy] = useState(false);
  const pending = (mine.data?.items ?? []).filter((r) => r.stationId === station.id && r.answer === null);
  if (pending.length === 0) return null;
  const answer = async (rollCallId: number, value: 'has_key' | 'key_missing') => {
    setBusy(true);
    try {
      await stationsApi.answerRollCall(rollCallId, { answer: value });
      message.success(value === 'has_key' ? t('stations.night.answered') : t('stations.night.reportedMissing'));
      onAnswered();
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="gz-night-rollcall" data-testid="night-roll-call">
      {pending.map((r) => (
        <div key={r.answerId}>
          <div className="gz-night-rollcall-title"><KeyOutlined /> {t('stations.night.rollCall')}</div>
          <div className="gz-night-rollcall-ask">{t('stations.night.rollCallAsk', { key: r.keyLabel })}</div>
          <div className="gz-night-rollcall-due">{t('stations.night.answerBy', { time: fmtShort(r.dueAt) })}</div>
          <div className="gz-night-rollcall-buttons">
            <Button type="primary" size="large" className="gz-night-big" loading={busy} onClick={() => answer(r.rollCallId, 'has_key')} data-testid="night-has-key">{t('stations.night.hasKey')}</Button>
            <Button size="large" danger className="gz-night-big" loading={busy} onClick={() => answer(r.rollCallId, 'key_missing')}>{t('stations.night.missing')}</Button>
          </div>
        </div>
      ))}
    </section>
  );
}

function MyCheckouts({ list, onReturned }: { list: Checkout[]; onReturned: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useStationErrorText();
  const [busy, setBusy] = useState<number | null>(null);
  if (list.length === 0) return null;
  const back = async (c: Checkout) => {
    setBusy(c.id);
    try {
      await stationsApi.returnCheckout(c.id, {});
      message.success(t('stations.night.returned', { name: c.item.name }));
      onReturned();
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusy(null);
    }
  };
  return (
    <section className="gz-night-section" data-testid="night-mine">
      <h2>{t('stations.night.myOut')}</h2>
      {list.map((c) => (
        <div key={c.id} className="gz-night-row">
          <div>
            <div className="gz-night-row-name">{c.item.name} × {c.outstanding}{c.item.unit}</div>
            <div className={`gz-night-row-sub${c.overdue ? ' gz-night-overdue' : ''}`}>{c.dueAt ? t('stations.night.dueBy', { time: fmtShort(c.dueAt) }) : ''}</div>
          </div>
          <Button size="large" loading={busy === c.id} onClick={() => back(c)}>{t('stations.night.return')}</Button>
        </div>
      ))}
    </section>
  );
}

/** Who holds the keys (active holders first), the team leaders and the duty phone — each one tap from a call. */
function KeyHolders({ station }: { station: StationDetail }) {
  const { t } = useI18n();
  const holders = station.keyHolders.filter((h) => h.active);
  const leaders = station.team.filter((m) => m.active && m.teamRole !== 'member');
  const callable = (phone: string | null) => !!phone && !phone.includes('*');
  return (
    <section className="gz-night-section" data-testid="night-keys">
      <h2><KeyOutlined /> {t('stations.night.keys')}</h2>
      {holders.map((h) => (
        <div key={h.id} className="gz-night-row" data-testid="night-key-holder">
          <div>
            <div className="gz-night-row-name">{h.name} <span className="gz-night-tag">{t(`stations.side.${h.side}`)}</span></div>
            <div className="gz-night-row-sub">{h.keyLabel} · {h.organisation}</div>
          </div>
          {callable(h.phone)
            ? <a className="gz-night-call" href={telHref(h.phone!)} aria-label={t('stations.night.callName', { name: h.name })}><PhoneFilled /> {t('stations.night.call')}</a>
            : <span className="gz-night-row-sub">{h.phone}</span>}
        </div>
      ))}
      {leaders.length > 0 && <h2 style={{ marginTop: 20 }}>{t('stations.night.leaders')}</h2>}
      {leaders.map((m) => (
        <div key={m.id} className="gz-night-row">
          <div>
            <div className="gz-night-row-name">{m.name} <span className="gz-night-tag">{t(`stations.teamRole.${m.teamRole}`)}</span></div>
            <div className="gz-night-row-sub">{m.skills.join('、')}</div>
          </div>
          {callable(m.phone) && <a className="gz-night-call" href={telHref(m.phone!)} aria-label={t('stations.night.callName', { name: m.name })}><PhoneFilled /> {t('stations.night.call')}</a>}
        </div>
      ))}
      {station.dutyPhone && (
        <a className="gz-night-duty" href={telHref(station.dutyPhone)}><PhoneFilled /> {t('stations.night.duty', { phone: station.dutyPhone })}</a>
      )}
    </section>
  );
}
