import { Type } from 'typebox';
import {
  getCustomer360, getMergeView, listCustomers, listMergeHistory, mergeCustomers, suggestDuplicates, undoMerge, unlinkIdentity, updateCustomer,
} from '../../modules/customers/index.ts';
import {
  Customer360, CustomerListQuery, CustomerMergeView, CustomerPage, CustomerPatch, DuplicateSuggestion, IdParams, IdentityParams, MergeBody, MergeIdParams,
  UndoMergeResult, UnlinkBody, Uuid,
} from '../../contracts/index.ts';
import { recordEvents, type DomainEvent } from '../../platform/events/index.ts';
import type { Tx } from '../../platform/db/index.ts';
import { actorOf } from '../auth.ts';
import type { RouteModule } from './types.ts';

const tags = ['customers'];

export const customerRoutes: RouteModule = (app, ctx) => {
  const { db } = ctx;

  /** Runs a change in one workspace transaction, records its events there, and wakes listeners after the commit. */
  const change = async <T extends { events: DomainEvent[] }>(workspaceId: string, fn: (tx: Tx) => Promise<T>): Promise<Omit<T, 'events'>> => {
    const { result, stored } = await db.tenant(workspaceId, async (tx) => {
      const result = await fn(tx);
      return { result, stored: await recordEvents(tx, workspaceId, result.events) };
    });
    ctx.bus.committed(workspaceId, stored);
    const { events: _events, ...rest } = result;
    return rest;
  };

  app.get(
    '/api/customers',
    { config: { access: 'customers:read' }, schema: { tags, summary: 'Customers, most recently changed first; search by name, email or handle', querystring: CustomerListQuery, response: { 200: CustomerPage } } },
    async (req) => {
      const { workspaceId } = actorOf(req);
      return (await listCustomers(db, workspaceId, req.query)) as never;
    },
  );

  app.get(
    '/api/customers/:id',
    { config: { access: 'customers:read' }, schema: { tags, summary: 'The customer 360 (a merged customer points at its survivor)', params: IdParams, response: { 200: Customer360 } } },
    async (req) => {
      const { workspaceId } = actorOf(req);
      return (await db.tenant(workspaceId, (tx) => getCustomer360(tx, workspaceId, req.params.id))) as never;
    },
  );

  app.patch(
    '/api/customers/:id',
    { config: { access: 'customers:write' }, schema: { tags, summary: 'Edit name, email, tier, VIP, attributes, notes, opt-out', params: IdParams, body: CustomerPatch, response: { 200: Customer360 } } },
    async (req) => {
      const actor = actorOf(req);
      return (await db.tenant(actor.workspaceId, async (tx) => {
        await updateCustomer(tx, actor, req.params.id, req.body);
        return getCustomer360(tx, actor.workspaceId, req.params.id);
      })) as never;
    },
  );

  app.get(
    '/api/customers/:id/suggestions',
    { config: { access: 'customers:read' }, schema: { tags, summary: 'Likely duplicates, each with its reasons and a confidence', params: IdParams, response: { 200: Type.Array(DuplicateSuggestion) } } },
    async (req) => {
      const { workspaceId } = actorOf(req);
      return (await suggestDuplicates(db, workspaceId, req.params.id)) as never;
    },
  );

  app.post(
    '/api/customers/:id/merge',
    {
      config: { access: 'customers:write' },
      schema: { tags, summary: 'Merge another customer into this one (reversible)', params: IdParams, body: MergeBody, response: { 200: CustomerMergeView } },
    },
    async (req) => {
      const actor = actorOf(req);
      return (await change(actor.workspaceId, async (tx) => {
        const { merge, events } = await mergeCustomers(tx, actor, { survivorId: req.params.id, otherId: req.body.otherId, reason: req.body.reason, confidence: req.body.confidence });
        return { ...(await getMergeView(tx, actor.workspaceId, merge.id)), events };
      })) as never;
    },
  );

  app.get(
    '/api/customers/:id/merges',
    { config: { access: 'customers:read' }, schema: { tags, summary: 'Merge history: merges and split-off identities, newest first', params: IdParams, response: { 200: Type.Array(CustomerMergeView) } } },
    async (req) => {
      const { workspaceId } = actorOf(req);
      return (await db.tenant(workspaceId, (tx) => listMergeHistory(tx, workspaceId, req.params.id))) as never;
    },
  );

  app.post(
    '/api/customers/:id/identities/:identityId/unlink',
    {
      config: { access: 'customers:write' },
      schema: {
        tags,
        summary: 'Split an identity off into a new customer (undo through the merge history relinks it)',
        params: IdentityParams,
        body: UnlinkBody,
        response: { 200: Type.Object({ split: CustomerMergeView, newCustomerId: Uuid }) },
      },
      // The body (a reason) is optional: a bare POST means "unlink, reason unstated".
      preValidation: async (req) => {
        req.body ??= {};
      },
    },
    async (req) => {
      const actor = actorOf(req);
      return (await change(actor.workspaceId, async (tx) => {
        const out = await unlinkIdentity(tx, actor, { customerId: req.params.id, identityId: req.params.identityId, reason: req.body.reason });
        return { split: await getMergeView(tx, actor.workspaceId, out.split.id), newCustomerId: out.newCustomerId, events: out.events };
      })) as never;
    },
  );

  app.post(
    '/api/customer-merges/:mergeId/undo',
    { config: { access: 'customers:write' }, schema: { tags, summary: 'Undo a merge (unmerge) or a split (relink)', params: MergeIdParams, response: { 200: UndoMergeResult } } },
    async (req) => {
      const actor = actorOf(req);
      return (await change(actor.workspaceId, async (tx) => {
        const out = await undoMerge(tx, actor, req.params.mergeId);
        return {
          merge: await getMergeView(tx, actor.workspaceId, out.merge.id),
          restoredLinkIds: out.restoredLinkIds,
          restoredConversationIds: out.restoredConversationIds,
          followedConversationIds: out.followedConversationIds,
          events: out.events,
        };
      })) as never;
    },
  );
};
