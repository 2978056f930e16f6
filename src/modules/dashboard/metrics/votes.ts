import { votesFigures } from '../../votes/votes.figures.js';
import { familyCalendar, familySource } from './family-source.js';
import { ratio, sum, type MetricFile } from './types.js';

/** 业主共同决定: votes held, ballots cast, matters passed (family `votes`). */
export const votesSource = familySource(votesFigures, { module: 'votes' });
const common = { module: 'votes', source: votesSource } as const;

export const votesMetrics: MetricFile = {
  module: 'votes',
  metrics: [
    {
      ...common, id: 'votes.closed', unit: 'count', higherIsBetter: true,
      name: { zh: '已表决', en: 'Votes held' },
      definition: { zh: '窗口内结束计票的业主表决', en: 'Owners\' votes closed (tally final) in the window', sql: 'sum(closed)' },
      value: (c) => sum(c, 'closed'),
    },
    {
      ...common, id: 'votes.ballots', unit: 'count', higherIsBetter: true,
      name: { zh: '投票人次', en: 'Ballots cast' },
      definition: { zh: '线上投票与录入的纸质票', en: 'Ballots cast online or entered from paper', sql: 'sum(ballots)' },
      value: (c) => sum(c, 'ballots'),
    },
    {
      ...common, id: 'votes.pass_rate', unit: 'percent', higherIsBetter: true,
      name: { zh: '事项通过率', en: 'Matters passed' },
      definition: { zh: '通过的表决事项 ÷ 已计票事项', en: 'Matters passed ÷ matters decided', sql: 'sum(matters_passed) / sum(matters_passed + matters_failed)' },
      value: (c) => ratio(sum(c, 'matters_passed'), sum(c, 'matters_passed', 'matters_failed')),
      base: (c) => sum(c, 'matters_passed', 'matters_failed'),
    },
  ],
  calendars: [familyCalendar(votesFigures, 'ballots', { id: 'votes.ballots_daily', module: 'votes', name: { zh: '投票日历', en: 'Ballots per day' } })],
};
