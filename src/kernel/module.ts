import type { App } from '../server/context.js';
import type { DemoAccountSpec, DemoSeeder } from './demo.js';
import type { FiguresContributor } from './figures.js';
import type { JobSpec } from './jobs.js';
import type { LiveTopicSpec } from './live.js';
import type { ModuleScale } from './scale.js';

/**
 * What a domain module is, in one object. The app, the schema, the demo loader, the access
 * policy, the job runner, the live stream and the route-authorisation test read nothing else:
 * a new module is its own folder, one line in `src/modules/index.ts` and a generated migration.
 */
export interface ModuleManifest {
  /** Short id, also the prefix of its permissions (`wishes:claim`) and error codes. */
  id: string;
  /** The module's Drizzle tables: pass its schema file's namespace (`import * as schema`). */
  tables?: Record<string, unknown>;
  /** SQL names of its tables the database must refuse to UPDATE, DELETE or TRUNCATE. */
  appendOnly?: readonly string[];
  /** Roles this module introduces (most modules only grant permissions to existing roles). */
  roles?: Record<string, RoleSpec>;
  /** Permissions this module defines, each with the roles that hold it. */
  permissions?: Record<string, PermissionSpec>;
  /** Grants of permissions defined elsewhere to roles defined here (e.g. a new role reading places). */
  extraGrants?: Record<string, readonly string[]>;
  /** Adds the module's routes (every route declares its access; see src/server/plugins/auth.ts). */
  routes?: (app: App) => void | Promise<void>;
  /** Demo data, run in list order after places and accounts; accounts it needs are declared in `demoAccounts`. */
  demo?: DemoSeeder;
  /** Demo accounts this module adds to the demo city (they appear in the README and on the login page). */
  demoAccounts?: readonly DemoAccountSpec[];
  /** Background jobs; the kernel's runner starts them in every process (a lease decides who runs). */
  jobs?: readonly JobSpec[];
  /** Live-event topics this module publishes, each with who may receive it. */
  liveTopics?: readonly LiveTopicSpec[];
  /** Figures families this module keeps (counters by community and day), read by dashboards. */
  figures?: readonly FiguresContributor[];
  /** Its city-scale data for `npm run seed:city` and its hot paths for `npm run bench`. */
  scale?: ModuleScale;
}

export interface RoleSpec {
  /** One line: who holds it (shown to admins). */
  description: string;
  /** The platform administrator's role: every permission of every module. */
  allPermissions?: boolean;
}

export interface PermissionSpec {
  /** One line: what it allows. */
  description: string;
  /** Roles holding it, wherever their grant's scope covers the resource. */
  roles: readonly string[];
}

/** Identity function that keeps the manifest's literal types (and documents intent at the call site). */
export function defineModule<const M extends ModuleManifest>(manifest: M): M {
  return manifest;
}
