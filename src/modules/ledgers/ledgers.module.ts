import { defineModule } from '../../kernel/module.js';
import { ledgersDemoAccounts, seedLedgersDemo } from './ledgers.demo.js';
import { registerLedgerRoutes } from './ledgers.routes.js';
import * as schema from './ledgers.schema.js';
import { ledgerFigures } from './ledgers.service.js';

const readers = ['resident', 'property_staff', 'community_staff', 'party_committee', 'owners_committee', 'dept_staff'];

/**
 * 账目公开: ledgers per compound as hash chains, expenses tied to their authorising decision and
 * evidence, major decisions under the party organisation's review, disclosures that cannot be
 * withdrawn, improvement projects with spending from the ledger (family `ledgers`).
 */
export const ledgersModule = defineModule({
  id: 'ledgers',
  tables: schema,
  appendOnly: ['ledger_entries', 'ledger_evidence', 'decision_events', 'disclosures', 'project_events', 'project_photos'],
  permissions: {
    'ledgers:read': { description: 'See ledgers, decisions, disclosures and projects (a resident: their compound\'s)', roles: readers },
    'ledgers:write': { description: 'Record on a ledger (which ledgers: ledgers:record / ledgers:record_owners)', roles: ['property_staff', 'owners_committee'] },
    'ledgers:record': { description: 'Keep the property service account (and common income) of the compounds one\'s company serves', roles: ['property_staff'] },
    'ledgers:record_owners': { description: 'Keep the owners\' money: the maintenance fund, common income, a self-governed compound\'s account', roles: ['owners_committee'] },
    'ledgers:propose': { description: 'Propose a major decision (project, fee change, fund use)', roles: ['property_staff', 'owners_committee', 'community_staff'] },
    'ledgers:review': { description: 'Review major decisions for the community party organisation (approve / return with reasons)', roles: ['party_committee'] },
    'ledgers:publish': { description: 'Publish disclosures (公示) and their corrections', roles: ['property_staff', 'owners_committee', 'community_staff'] },
    'ledgers:inspect': { description: 'Ask to inspect the records behind a disclosure (as a service request)', roles: ['resident'] },
    'ledgers:projects': { description: 'Run improvement projects: create, milestones, completion', roles: ['owners_committee', 'community_staff', 'property_staff'] },
    'ledgers:accept': { description: 'Accept (or send back) a finished project for the owners', roles: ['owners_committee'] },
  },
  figures: [ledgerFigures],
  routes: registerLedgerRoutes,
  demo: seedLedgersDemo,
  demoAccounts: ledgersDemoAccounts,
});
