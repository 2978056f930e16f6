import { defineModule } from '../../kernel/module.js';
import { seedStationsDemo, stationDemoAccounts } from './stations.demo.js';
import { stationFigures } from './stations.figures.js';
import { stationLiveTopics } from './stations.live.js';
import { registerStationRoutes } from './stations.routes.js';
import { stationsScale } from './stations.scale.js';
import * as schema from './stations.schema.js';
import { alertSweepJob, rollCallJob } from './stations.sweep.js';

const stationStaff = ['community_staff', 'party_committee', 'property_staff'];

/**
 * 应急服务站: a community's emergency station run with its property company — coverage,
 * inventory against a stock standard, key holders and roll calls, check-outs that never take
 * stock below zero, alerts to the managers, the rescue team and its drills, incidents, and one
 * readiness score per station for the city dashboard.
 */
export const stationsModule = defineModule({
  id: 'stations',
  tables: schema,
  appendOnly: ['station_item_events'],
  roles: {
    rescue_member: { description: '应急救援队员: a member of a station\'s rescue team, granted on the community' },
  },
  permissions: {
    'stations:read': {
      description: 'See stations in one\'s scope: coverage, stock, team (phones masked), drills, incidents, readiness (a resident: the stations of their community)',
      roles: ['resident', ...stationStaff, 'owners_committee', 'grid_worker', 'dept_staff', 'rescue_member'],
    },
    'stations:create': { description: '建站: set up a station in one\'s community', roles: ['community_staff', 'party_committee'] },
    'stations:manage': { description: 'Run a station: coverage, catalogue and stock, key holders and roll calls, team, drills; receives its alerts', roles: stationStaff },
    'stations:checkout': { description: 'Check items out and back in, log incidents', roles: [...stationStaff, 'rescue_member'] },
    'stations:contacts': { description: 'See the full phone numbers of the team, key holders, shops and borrowers (staff of the station)', roles: [...stationStaff, 'rescue_member'] },
    'stations:keys': { description: 'Hold a key of a station and answer its roll calls', roles: [...stationStaff, 'rescue_member'] },
  },
  liveTopics: stationLiveTopics,
  jobs: [alertSweepJob, rollCallJob],
  figures: [stationFigures],
  routes: registerStationRoutes,
  demo: seedStationsDemo,
  demoAccounts: stationDemoAccounts,
  scale: stationsScale,
});
