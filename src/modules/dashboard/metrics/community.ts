import { activityFigures } from '../../community/community.figures.js';
import { familyCalendar, familySource } from './family-source.js';
import { sum, type MetricFile } from './types.js';

const activityTypes: Record<string, string> = { culture: '文化共建', party: '党建', festival: '节日', other: '其他' };

/** 社区生活: activities held and participant-times, by type (family `community.activities`, dim = activity type). */
export const communitySource = familySource(activityFigures, {
  module: 'community', dims: true,
  dimLabels: async (_db, dims) => new Map(dims.map((d) => [d, activityTypes[d] ?? d])),
});
const common = { module: 'community', source: communitySource } as const;

export const communityMetrics: MetricFile = {
  module: 'community',
  metrics: [
    {
      ...common, id: 'community.activities', unit: 'count', higherIsBetter: true,
      name: { zh: '社区活动', en: 'Activities held' },
      definition: { zh: '窗口内开展（已发布、未取消）的社区活动，按开始日计', en: 'Community activities held (published, not cancelled) in the window, on the day they start', sql: 'sum(activities)' },
      value: (c) => sum(c, 'activities'),
    },
    {
      ...common, id: 'community.participant_times', unit: 'person_times', higherIsBetter: true,
      name: { zh: '活动参与人次', en: 'Activity participant-times' },
      definition: { zh: '窗口内社区活动的签到人次，按活动日计', en: 'Check-ins to the community activities of the window (人次), on the activity\'s day', sql: 'sum(participant_times)' },
      value: (c) => sum(c, 'participant_times'),
    },
    ...Object.entries(activityTypes).map(([type, zh]) => ({
      ...common, id: `community.activities_${type}`, unit: 'count' as const, higherIsBetter: true,
      name: { zh: `${zh}活动`, en: `Activities: ${type}` },
      definition: { zh: `窗口内开展的${zh}类活动`, en: `Activities of type ${type} (${zh}) held in the window`, sql: `sum(activities) where dim = '${type}'` },
      value: (c: Record<string, number>) => sum(c, `activities:${type}`),
    })),
  ],
  breakdowns: [
    { id: 'community.activities_by_type', module: 'community', source: communitySource, counter: 'activities', unit: 'count', name: { zh: '社区活动（按类型）', en: 'Activities by type' } },
    { id: 'community.participant_times_by_type', module: 'community', source: communitySource, counter: 'participant_times', unit: 'person_times', name: { zh: '活动参与人次（按类型）', en: 'Participant-times by type' } },
  ],
  calendars: [familyCalendar(activityFigures, 'activities', { id: 'community.activities_daily', module: 'community', name: { zh: '社区活动日历', en: 'Activities per day' } })],
};
