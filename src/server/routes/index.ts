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
import { drillRoutes } from './drills.ts';
import { wallRoutes } from './wall.ts';
import { webRoutes } from './web.ts';
import { outreachRoutes } from './outreach.ts';
import { surveyRoutes } from './surveys.ts';
import { complianceRoutes } from './compliance.ts';
import { incidentRoutes } from './incidents.ts';
import { alertRoutes } from './alerts.ts';

/** Every module's routes, registered in this order. */
export const routeModules: RouteModule[] = [systemRoutes, accessRoutes, channelRoutes, routingRoutes, feedbackRoutes, webchatRoutes, customerRoutes, conversationRoutes, liveRoutes, classifierRoutes, complianceRoutes, incidentRoutes, alertRoutes, drillRoutes, wallRoutes, outreachRoutes, surveyRoutes, webRoutes];
