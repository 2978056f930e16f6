import type { App } from './context.js';
import { registerDemoRoutes } from '../modules/demo/demo.routes.js';
import { registerOpen311Routes } from '../modules/open311/open311.routes.js';
import { registerFiguresRoutes } from '../modules/figures/figures.routes.js';
import { registerRequestRoutes } from '../modules/requests/requests.routes.js';
import { registerNotificationRoutes } from '../modules/notifications/notifications.routes.js';

/**
 * Domain modules beyond the foundation register here, one line each. A module exports a
 * function that adds its routes (and starts its background jobs through app hooks).
 */
export const moduleRoutes: ((app: App) => void | Promise<void>)[] = [
  registerDemoRoutes,
  registerOpen311Routes,
  registerFiguresRoutes,
  registerRequestRoutes,
  registerNotificationRoutes,
];
