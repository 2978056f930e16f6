import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { registerMessages, type MessageBundle } from './i18n';

/**
 * The module registry. A web module (src/web/modules/<domain>/module.tsx) describes what it
 * adds to the app — its strings, staff pages and menu items, resident pages and tabs, workbench
 * links, resident home tiles, header widgets — and calls `registerModule` once. The router and
 * both layouts read the registry, so a new module is switched on by one import line in
 * src/web/modules/index.ts.
 *
 * Paths: staff pages live at `/<path>` under the workbench layout; resident pages at
 * `/m/<path>` under the phone layout. Pages are loaded lazily, one chunk per page.
 */

type PageModule = { default: ComponentType };

export interface PageRoute {
  /** Relative to the layout: `requests/:id` is `/requests/:id` (staff) or `/m/requests/:id` (resident). */
  path: string;
  page: () => Promise<PageModule>;
  /** Permission the page needs; without it the page answers "no access". */
  permission?: string;
}

export interface MenuItem {
  key: string;
  /** i18n key of the label. */
  label: string;
  icon?: ReactNode;
  /** Absolute path the item opens, e.g. `/places`. The item is highlighted for any path below it. */
  path: string;
  permission?: string;
  /** Smaller comes first; the workbench home is 0. */
  order?: number;
}

export interface QuickLink extends MenuItem {
  /** i18n key of a one-line explanation under the label. */
  description?: string;
}

/**
 * A big tile on the resident home. It is live once some module registers a resident route at
 * `path`; until then it shows greyed out with "即将上线" (so a tile can be declared before its page).
 */
export interface ResidentTile extends QuickLink {
  /** Tile background (a colour or gradient). */
  color?: string;
}

export interface WebModule {
  /** One lower-case word (`requests`); it is also the prefix of every key in `messages`. */
  id: string;
  /** `defineMessages(zh, en)` (or `combineMessages` of several); every key starts with `<id>.`. */
  messages?: MessageBundle;
  staff?: { menu?: MenuItem[]; routes?: PageRoute[]; quickLinks?: QuickLink[] };
  resident?: { tabs?: MenuItem[]; routes?: PageRoute[]; tiles?: ResidentTile[] };
  /** Widgets for the workbench header, left of the language switch (e.g. the notification bell). */
  headerWidgets?: { key: string; order?: number; render: () => ReactNode; permission?: string }[];
}

export interface RegisteredRoute extends PageRoute {
  moduleId: string;
  Component: LazyExoticComponent<ComponentType>;
}

const modules: WebModule[] = [];

export function registerModule(module: WebModule): void {
  if (modules.some((m) => m.id === module.id)) return; // HMR re-runs module files
  if (module.messages) registerMessages(module.id, module.messages);
  modules.push(module);
}

const byOrder = <T extends { order?: number }>(a: T, b: T) => (a.order ?? 50) - (b.order ?? 50);

function routesOf(pick: (m: WebModule) => PageRoute[] | undefined): RegisteredRoute[] {
  return modules.flatMap((m) => (pick(m) ?? []).map((r) => ({ ...r, moduleId: m.id, Component: lazy(r.page) })));
}

/** Read once when the router is built (after every module has registered). */
export const registry = {
  staffRoutes: () => routesOf((m) => m.staff?.routes),
  residentRoutes: () => routesOf((m) => m.resident?.routes),
  staffMenu: () => modules.flatMap((m) => m.staff?.menu ?? []).sort(byOrder),
  quickLinks: () => modules.flatMap((m) => m.staff?.quickLinks ?? []).sort(byOrder),
  residentTabs: () => modules.flatMap((m) => m.resident?.tabs ?? []).sort(byOrder),
  residentTiles: () => modules.flatMap((m) => m.resident?.tiles ?? []).sort(byOrder),
  headerWidgets: () => modules.flatMap((m) => m.headerWidgets ?? []).sort(byOrder),
  /** Is there a resident page at this absolute path (`/m/requests/new`)? */
  hasResidentPath: (path: string) =>
    modules.some((m) => (m.resident?.routes ?? []).some((r) => `/m/${r.path}`.replace(/\/+$/, '') === path.replace(/\/+$/, ''))),
};
