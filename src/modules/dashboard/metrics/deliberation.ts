import { deliberationFigures } from '../../deliberation/deliberation.figures.js';
import { familySource } from './family-source.js';
import { ratio, sum, type MetricFile } from './types.js';

const meetingTypes: Record<string, string> = {
  small_bench: '小板凳议事会', public_sentiment: '民情恳谈会', affairs_coordination: '社区事务协调会', public_hearing: '社区工作听证会',
  alliance_joint: '红色物业联盟联席会议', tripartite: '三方会诊', manager_reception: '物业经理接待日',
};

/** 协商共治: meetings by type, opinions, person-times, decisions (family `deliberation`, dim = meeting type). */
export const deliberationSource = familySource(deliberationFigures, {
  module: 'deliberation', dims: true,
  dimLabels: async (_db, dims) => new Map(dims.map((d) => [d, meetingTypes[d] ?? d])),
});
const common = { module: 'deliberation', source: deliberationSource } as const;

export const deliberationMetrics: MetricFile = {
  module: 'deliberation',
  metrics: [
    {
      ...common, id: 'deliberation.meetings', unit: 'count', higherIsBetter: true,
      name: { zh: '议事会议', en: 'Meetings held' },
      definition: { zh: '记录了纪要的协商会议', en: 'Meetings held (minutes recorded)', sql: 'sum(meetings)' },
      value: (c) => sum(c, 'meetings'),
    },
    {
      ...common, id: 'deliberation.opinions', unit: 'count', higherIsBetter: true,
      name: { zh: '征集意见', en: 'Opinions collected' },
      definition: { zh: '议题上征集的意见（每人每议题一条）', en: 'Opinions collected on topics (one per person per topic)', sql: 'sum(opinions)' },
      value: (c) => sum(c, 'opinions'),
    },
    {
      ...common, id: 'deliberation.person_times', unit: 'person_times', higherIsBetter: true,
      name: { zh: '议事参与人次', en: 'Meeting attendance' },
      definition: { zh: '已召开会议的参会人次', en: 'Attendance of the meetings held (人次)', sql: 'sum(person_times)' },
      value: (c) => sum(c, 'person_times'),
    },
    {
      ...common, id: 'deliberation.decisions_done_rate', unit: 'percent', higherIsBetter: true,
      name: { zh: '决议落实率', en: 'Decisions followed up' },
      definition: { zh: '窗口内落实完成的决议 ÷ 窗口内作出的决议', en: 'Decisions done in the window ÷ decisions made in the window', sql: 'sum(decisions_done) / sum(decisions)' },
      value: (c) => ratio(sum(c, 'decisions_done'), sum(c, 'decisions')),
      base: (c) => sum(c, 'decisions'),
    },
  ],
  breakdowns: [{ id: 'deliberation.meetings_by_type', module: 'deliberation', source: deliberationSource, counter: 'meetings', unit: 'count', name: { zh: '会议（按类型）', en: 'Meetings by type' } }],
};
