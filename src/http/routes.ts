import type { App, AppDeps } from './server.ts';
import { registerRoutes } from '../features/register/routes.ts';
import { overviewRoutes } from '../features/overview/routes.ts';
import { importRoutes } from '../features/imports/routes.ts';
import { userRoutes } from '../features/users/routes.ts';
import { auditRoutes } from '../features/audit/routes.ts';
import { ansoegerRoutes } from '../features/ansoegere/routes.ts';
import { arealistRoutes } from '../features/arealists/routes.ts';
import { udlejningRoutes } from '../features/udlejning/routes.ts';
import { anvisningRoutes } from '../features/anvisning/routes.ts';

export type RouteModule = (app: App, deps: AppDeps) => Promise<void> | void;

// Every feature's routes, registered in this order.
export const routeModules: RouteModule[] = [userRoutes, registerRoutes, overviewRoutes, auditRoutes, ansoegerRoutes, arealistRoutes, udlejningRoutes, anvisningRoutes, importRoutes];
