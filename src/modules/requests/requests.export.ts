import { shanghaiDateTime } from '../../shared/shanghai-time.js';
import { sendDownload } from '../../kernel/download.js';
import { toCsv, toXlsx, type ExportColumn } from '../../kernel/export.js';
import { actorOf, type App } from '../../server/context.js';
import { requestStateLabels } from '../../shared/request-states.js';
import { listFiltersQuery, type RequestSummaryDto } from './requests.dto.js';
import { listForExport } from './requests.read.js';

export const EXPORT_CAP = 50_000;

const slaLabels = { ok: '正常', warning: '即将超时', breached: '已超时', met: '按时' } as const;
const assigneeKindLabels = { property_company: '物业企业', local_unit: '辖区单位', grid_worker: '网格员' } as const;

/** Column headers (Chinese, as the office reads them) and how each cell is taken from a row. */
const requestExportColumns: ExportColumn<RequestSummaryDto>[] = [
  { header: '编号', value: (r) => r.id },
  { header: '状态', value: (r) => requestStateLabels[r.state].zh },
  { header: '紧急程度', value: (r) => (r.priority === 'urgent' ? '紧急' : '一般') },
  { header: '分类', value: (r) => r.category.name },
  { header: '诉求内容', value: (r) => r.description, width: 50 },
  { header: '小区', value: (r) => r.compound.name },
  { header: '位置', value: (r) => r.locationLabel },
  { header: '反映人', value: (r) => r.reporter.name },
  { header: '联系电话', value: (r) => r.reporter.phone },
  { header: '承办类型', value: (r) => (r.assignee ? assigneeKindLabels[r.assignee.kind] : null) },
  { header: '承办单位/人', value: (r) => r.assignee?.name ?? null },
  { header: '提交时间', value: (r) => shanghaiDateTime(r.createdAt) },
  { header: '响应时限', value: (r) => shanghaiDateTime(r.respondDueAt) },
  { header: '办结时限', value: (r) => shanghaiDateTime(r.resolveDueAt) },
  { header: '时限状态', value: (r) => slaLabels[r.slaStatus] },
  { header: '评分', value: (r) => r.rating },
  { header: '合并到', value: (r) => r.masterRequestId },
];


/** The exports answer the same filters as the list, every matching row up to the cap. */
export function registerRequestExportRoutes(app: App): void {
  const read = { access: { permission: 'requests:read' as const } };
  const tags = ['requests'];
  const stamp = () => app.ctx.clock.now().toISOString().slice(0, 10);

  app.get('/api/requests/export.csv', { config: read, schema: { tags, summary: `Filtered list as CSV (UTF-8 with BOM, ≤ ${EXPORT_CAP} rows)`, querystring: listFiltersQuery } },
    async (req, reply) => {
      const rows = await listForExport(app.ctx, actorOf(req), req.query, EXPORT_CAP);
      return sendDownload(reply, { filename: `requests-${stamp()}.csv`, format: 'csv', body: toCsv(requestExportColumns, rows) });
    });

  app.get('/api/requests/export.xlsx', { config: read, schema: { tags, summary: `Filtered list as XLSX (≤ ${EXPORT_CAP} rows)`, querystring: listFiltersQuery } },
    async (req, reply) => {
      const rows = await listForExport(app.ctx, actorOf(req), req.query, EXPORT_CAP);
      return sendDownload(reply, { filename: `requests-${stamp()}.xlsx`, format: 'xlsx', body: await toXlsx(requestExportColumns, rows, '诉求') });
    });
}
