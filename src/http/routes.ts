import type { App, AppDeps } from './server.ts';

export type RouteModule = (app: App, deps: AppDeps) => Promise<void> | void;

// Every feature's routes, registered in this order.
export const routeModules: RouteModule[] = [];
