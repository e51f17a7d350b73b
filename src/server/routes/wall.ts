import { loadWall } from '../../modules/wall/index.ts';
import { WallView } from '../../contracts/index.ts';
import { actorOf } from '../auth.ts';
import type { RouteModule } from './types.ts';

/** The mission-control wall's data; the console refreshes it on live events and every few seconds. */
export const wallRoutes: RouteModule = (app, ctx) => {
  app.get(
    '/api/wall',
    {
      config: { access: 'incidents:read' },
      schema: { tags: ['wall'], summary: 'What is happening now: volume and sentiment, open incidents, SLA at risk, influential people, queues per team', response: { 200: WallView } },
    },
    async (req) => {
      const { workspaceId } = actorOf(req);
      return (await ctx.db.tenant(workspaceId, (tx) => loadWall(tx, workspaceId, ctx.clock.now()))) as never;
    },
  );
};
