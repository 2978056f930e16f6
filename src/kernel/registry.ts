import type { ModuleManifest } from './module.js';
import type { LiveTopicSpec } from './live.js';

/**
 * The registered modules and what follows from them: which roles hold which permissions, the
 * live topics, the jobs, the append-only tables. Built once from the list in
 * `src/modules/index.ts` (importing that file registers it); a test app may register a longer
 * list (an example module). Every reader goes through `registry()`, which refuses to answer
 * before a list is registered — a missing import must fail loudly, not deny everything quietly.
 */
export interface Registry {
  modules: readonly ModuleManifest[];
  /** Every declared permission, sorted. */
  permissions: readonly string[];
  /** Every declared role, in declaration order. */
  roles: readonly string[];
  /** Role → the permissions it holds. */
  rolePermissions: ReadonlyMap<string, ReadonlySet<string>>;
  /** Permission → the roles holding it. */
  permissionRoles: ReadonlyMap<string, readonly string[]>;
  liveTopics: ReadonlyMap<string, LiveTopicSpec & { moduleId: string }>;
  /** SQL names of every append-only table. */
  appendOnlyTables: readonly string[];
}

let current: Registry | undefined;

/** Validates a module list and makes it the app's registry; returns the list. */
export function registerModules<const L extends readonly ModuleManifest[]>(list: L): L {
  current = buildRegistry(list);
  return list;
}

export function registry(): Registry {
  if (!current) throw new Error('No modules registered: import src/modules/index.ts (or call registerModules) first');
  return current;
}

export function buildRegistry(list: readonly ModuleManifest[]): Registry {
  const ids = new Set<string>();
  const roles = new Map<string, { all: boolean; moduleId: string }>();
  const permissionRoles = new Map<string, string[]>();
  const liveTopics = new Map<string, LiveTopicSpec & { moduleId: string }>();
  const appendOnly: string[] = [];
  for (const m of list) {
    if (ids.has(m.id)) throw new Error(`module ${m.id} is registered twice`);
    ids.add(m.id);
    for (const [role, spec] of Object.entries(m.roles ?? {})) {
      if (roles.has(role)) throw new Error(`role ${role} is declared by ${roles.get(role)!.moduleId} and ${m.id}`);
      roles.set(role, { all: !!spec.allPermissions, moduleId: m.id });
    }
    for (const [permission, spec] of Object.entries(m.permissions ?? {})) {
      if (permissionRoles.has(permission)) throw new Error(`permission ${permission} is declared twice (again by ${m.id})`);
      if (!/^[a-z0-9_-]+:[a-z0-9_-]+$/.test(permission)) throw new Error(`permission ${permission} of ${m.id} is not "area:action"`);
      permissionRoles.set(permission, [...spec.roles]);
    }
    for (const topic of m.liveTopics ?? []) {
      if (liveTopics.has(topic.topic)) throw new Error(`live topic ${topic.topic} is declared twice (again by ${m.id})`);
      liveTopics.set(topic.topic, { ...topic, moduleId: m.id });
    }
    appendOnly.push(...(m.appendOnly ?? []));
  }
  // Grants of other modules' permissions to a module's own roles (checked once everything is known).
  for (const m of list) {
    for (const [permission, grantees] of Object.entries(m.extraGrants ?? {})) {
      const holders = permissionRoles.get(permission);
      if (!holders) throw new Error(`module ${m.id} grants undeclared permission ${permission}`);
      holders.push(...grantees);
    }
  }
  const rolePermissions = new Map<string, Set<string>>([...roles.keys()].map((r) => [r, new Set<string>()]));
  for (const [permission, holders] of permissionRoles) {
    for (const role of holders) {
      const set = rolePermissions.get(role);
      if (!set) throw new Error(`permission ${permission} is given to undeclared role ${role}`);
      set.add(permission);
    }
  }
  for (const [role, spec] of roles) if (spec.all) for (const p of permissionRoles.keys()) rolePermissions.get(role)!.add(p);
  for (const [permission] of permissionRoles) {
    permissionRoles.set(permission, [...rolePermissions].filter(([, set]) => set.has(permission)).map(([role]) => role));
  }
  for (const [topic, spec] of liveTopics) {
    if (!permissionRoles.has(spec.permission)) throw new Error(`live topic ${topic} needs undeclared permission ${spec.permission}`);
  }
  return {
    modules: list,
    permissions: [...permissionRoles.keys()].sort(),
    roles: [...roles.keys()],
    rolePermissions,
    permissionRoles,
    liveTopics,
    appendOnlyTables: appendOnly,
  };
}
