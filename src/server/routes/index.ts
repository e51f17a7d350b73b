import type { RouteModule } from './types.ts';
import { systemRoutes } from './system.ts';
import { accessRoutes } from './access.ts';
import { channelRoutes } from './channels.ts';
import { routingRoutes } from './routing.ts';
import { feedbackRoutes } from './feedback.ts';
import { webchatRoutes } from './webchat.ts';
import { customerRoutes } from './customers.ts';
import { conversationRoutes } from './conversations.ts';
import { liveRoutes } from './live.ts';
import { classifierRoutes } from './classifiers.ts';
import { webRoutes } from './web.ts';

/** Every module's routes, registered in this order. */
export const routeModules: RouteModule[] = [systemRoutes, accessRoutes, channelRoutes, routingRoutes, feedbackRoutes, webchatRoutes, customerRoutes, conversationRoutes, liveRoutes, classifierRoutes, webRoutes];
