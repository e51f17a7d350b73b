import type { RouteModule } from './types.ts';
import { systemRoutes } from './system.ts';
import { accessRoutes } from './access.ts';
import { channelRoutes } from './channels.ts';
import { webRoutes } from './web.ts';

/** Every module's routes, registered in this order. */
export const routeModules: RouteModule[] = [systemRoutes, accessRoutes, channelRoutes, webRoutes];
