import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { actorOf, type App } from '../../server/context.js';
import { requestStateLabels } from '../../shared/request-states.js';
import { listFiltersQuery, type RequestSummaryDto } from './requests.dto.js';
import { listForExport } from './requests.read.js';

export const EXPORT_CAP = 50_000;

const slaLabels = { ok: '正常', warning: '即将超时', breached: '已超时', met: '按时' } as const;
const assigneeKindLabels = { property_company: '物业企业', local_unit: '辖区单位', grid_worker: '网格员' } as const;

/** Column headers (Chinese, as the office reads them) and how each cell is taken from a row. */
const columns: [string, (r: RequestSummaryDto) => string | number | null][] = [
  ['编号', (r) => r.id],
  ['状态', (r) => requestStateLabels[r.state].zh],
  ['紧急程度', (r) => (r.priority === 'urgent' ? '紧急' : '一般')],
  ['分类', (r) => r.category.name],
  ['诉求内容', (r) => r.description],
  ['小区', (r) => r.compound.name],
  ['位置', (r) => r.locationLabel],
  ['反映人', (r) => r.reporter.name],
  ['联系电话', (r) => r.reporter.phone],
  ['承办类型', (r) => (r.assignee ? assigneeKindLabels[r.assignee.kind] : null)],
  ['承办单位/人', (r) => r.assignee?.name ?? null],
  ['提交时间', (r) => localTime(r.createdAt)],
  ['响应时限', (r) => localTime(r.respondDueAt)],
  ['办结时限', (r) => localTime(r.resolveDueAt)],
  ['时限状态', (r) => slaLabels[r.slaStatus]],
  ['评分', (r) => r.rating],
  ['合并到', (r) => r.masterRequestId],
];

/** "2026-01-13 09:05" in Asia/Shanghai (fixed UTC+8), what staff expect in a spreadsheet. */
function localTime(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export function toCsv(rows: RequestSummaryDto[]): string {
  // The BOM makes Excel read the file as UTF-8 instead of the local code page.
  return '\ufeff' + stringify([columns.map(([h]) => h), ...rows.map((r) => columns.map(([, get]) => get(r) ?? ''))]);
}

export async function toXlsx(rows: RequestSummaryDto[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('诉求');
  sheet.columns = columns.map(([header], i) => ({ header, key: String(i), width: i === 4 ? 50 : 16 }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow(columns.map(([, get]) => get(r)));
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The exports answer the same filters as the list, every matching row up to the cap. */
export function registerRequestExportRoutes(app: App): void {
  const read = { access: { permission: 'requests:read' as const } };
  const tags = ['requests'];
  const stamp = () => app.ctx.clock.now().toISOString().slice(0, 10);

  app.get('/api/requests/export.csv', { config: read, schema: { tags, summary: `Filtered list as CSV (UTF-8 with BOM, ≤ ${EXPORT_CAP} rows)`, querystring: listFiltersQuery } },
    async (req, reply) => {
      const rows = await listForExport(app.ctx, actorOf(req), req.query, EXPORT_CAP);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="requests-${stamp()}.csv"`).send(toCsv(rows));
    });

  app.get('/api/requests/export.xlsx', { config: read, schema: { tags, summary: `Filtered list as XLSX (≤ ${EXPORT_CAP} rows)`, querystring: listFiltersQuery } },
    async (req, reply) => {
      const rows = await listForExport(app.ctx, actorOf(req), req.query, EXPORT_CAP);
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="requests-${stamp()}.xlsx"`).send(await toXlsx(rows));
    });
}
