import { locationKinds, type AssigneeKind } from '../requests/requests.schema.js';
import { redactPublicText } from './open311.privacy.js';
import type { Open311Row } from './open311.requests.js';
import { open311StatusOf, statusNotesOf, type Open311Status } from './open311.status.js';

/** One service request as GeoReport v2 lists it (field order as in the spec). */
export interface Open311Request {
  service_request_id: string;
  status: Open311Status;
  status_notes: string;
  service_name: string;
  service_code: string;
  description: string;
  agency_responsible: string;
  service_notice: string;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string;
  address: string;
  address_id: string;
  lat: number | null;
  long: number | null;
}

interface Sla {
  respondMinutes: number;
  resolveMinutes: number;
  urgentRespondMinutes: number;
  urgentResolveMinutes: number;
  businessHours: string | null;
}

function duration(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440}天`;
  if (minutes % 60 === 0) return `${minutes / 60}小时`;
  return `${minutes}分钟`;
}

/** service_notice: what the SLA promises for this category (and priority). */
export function serviceNoticeOf(sla: Sla, priority: 'normal' | 'urgent'): string {
  const urgent = priority === 'urgent';
  const respond = urgent ? sla.urgentRespondMinutes : sla.respondMinutes;
  const resolve = urgent ? sla.urgentResolveMinutes : sla.resolveMinutes;
  const hours = sla.businessHours ? `（按工作时间 ${sla.businessHours} 计时）` : '';
  return `${urgent ? '紧急诉求：' : ''}${duration(respond)}内响应，${duration(resolve)}内办结${hours}`;
}

/**
 * agency_responsible names an organisation, never a person: the property company or local unit
 * the request was dispatched to, else the community that dispatches it (and whose grid worker
 * handles grid cases).
 */
function agencyOf(row: Open311Row): string {
  const kind: AssigneeKind | null = row.request.assigneeKind;
  if (kind === 'property_company' && row.companyName) return row.companyName;
  if (kind === 'local_unit' && row.organisationName) return row.organisationName;
  return row.communityName;
}

/** Compound, building and the location text, never the household (own_unit text is left out). */
function addressOf(row: Open311Row, known: (string | null)[]): string {
  const place = [row.compound.name, row.buildingName].filter(Boolean).join(' ');
  const text = row.request.locationKind === 'own_unit' ? '' : redactPublicText(row.request.locationText ?? '', known).trim();
  return text ? `${place}，${text}` : place;
}

export function presentRequest(row: Open311Row): Open311Request {
  const r = row.request;
  const latestPublicNote = r.publicNote;
  const known = [r.reporterName, r.reporterPhone, row.reporterPerson?.name ?? null, row.reporterPerson?.phone ?? null];
  return {
    service_request_id: String(r.id),
    status: open311StatusOf[r.state],
    status_notes: statusNotesOf(r.state, latestPublicNote ? redactPublicText(latestPublicNote, known) : null),
    service_name: row.category.name,
    service_code: row.category.code,
    description: redactPublicText(r.description, known),
    agency_responsible: agencyOf(row),
    service_notice: serviceNoticeOf(row.category, r.priority),
    requested_datetime: r.requestedAt,
    updated_datetime: r.updatedAt,
    expected_datetime: r.expectedAt,
    address: addressOf(row, known),
    address_id: String(r.compoundId),
    lat: row.compound.lat,
    long: row.compound.lng,
  };
}

/** One service (a request category) as GET services lists it. */
export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string | null;
  metadata: boolean;
  type: 'realtime';
  keywords: string | null;
  group: string;
}

const groupOf: Record<AssigneeKind, string> = {
  property_company: '物业服务',
  local_unit: '市政公用',
  grid_worker: '社区治理',
};

export function presentService(c: { code: string; name: string; description: string | null; defaultAssigneeKind: AssigneeKind }, keywords: string[]): Open311Service {
  return {
    service_code: c.code, service_name: c.name, description: c.description ?? c.name,
    // Every service takes the optional attributes below, so clients should read its definition.
    metadata: true, type: 'realtime',
    keywords: keywords.length ? keywords.join(', ') : null,
    group: groupOf[c.defaultAssigneeKind],
  };
}

const locationKindNames: Record<(typeof locationKinds)[number], string> = {
  own_unit: '本户室内', building: '楼栋', stairwell: '楼道', garage: '车库', green_space: '绿地', road: '道路', public_area: '公共区域', other: '其他',
};

/** The attributes every service accepts as attribute[code]=value on POST requests. */
export function serviceDefinitionOf(serviceCode: string) {
  return {
    service_code: serviceCode,
    attributes: [
      {
        variable: true, code: 'location_kind', datatype: 'singlevaluelist', required: false, order: 1,
        datatype_description: '不填时：地址匹配到楼栋为“楼栋”，否则为“公共区域”',
        description: '问题所在位置的类型',
        values: locationKinds.map((k) => ({ key: k, name: locationKindNames[k] })),
      },
      {
        variable: true, code: 'contact_time', datatype: 'string', required: false, order: 2,
        datatype_description: '例如：工作日18:00以后', description: '方便联系报告人的时间',
      },
    ],
  };
}
