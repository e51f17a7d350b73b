import { Type } from 'typebox';
import {
  ROLE_PERMISSIONS, assertAdminRemains, createApiToken, createMember, createTeam, deleteTeam, getMember, getTeam, getWorkspace,
  listApiTokens, listAudit, listMembers, listTeams, recordAudit, revokeApiToken, signIn, signOut, updateMember, updateTeam, updateWorkspace,
} from '../../modules/access/index.ts';
import {
  AuditEntryView, AuditQuery, IdParams, MemberCreate, MemberPatch, MemberView, Ok, SessionView, SignInBody, TeamCreate, TeamPatch, TeamView,
  TokenCreate, TokenCreated, TokenView, WorkspacePatch, WorkspaceView,
} from '../../contracts/index.ts';
import { AppError } from '../../platform/errors/index.ts';
import { actorOf } from '../auth.ts';
import { clearSessionCookie, setSessionCookie } from './session-cookie.ts';
import type { RouteModule } from './types.ts';

const tags = ['access'];

export const accessRoutes: RouteModule = (app, ctx) => {
  const { db } = ctx;

  app.post(
    '/api/session',
    {
      config: { access: 'public', rateLimit: { max: ctx.config.loginRateLimitPerMinute, timeWindow: '1 minute' } },
      schema: { tags, summary: 'Sign in with email and password', body: SignInBody, response: { 200: Type.Object({ ok: Type.Literal(true), csrfToken: Type.String() }) } },
    },
    async (req, reply) => {
      const s = await signIn(db, ctx.clock, { ...req.body, ttlHours: ctx.config.sessionTtlHours, userAgent: req.headers['user-agent'], ip: req.ip });
      setSessionCookie(reply, ctx, s.sessionToken, s.expiresAt);
      req.log.info({ memberId: s.actor.memberId, workspaceId: s.actor.workspaceId }, 'signed in');
      return { ok: true as const, csrfToken: s.csrfToken };
    },
  );

  app.get('/api/session', { config: { access: 'signed-in' }, schema: { tags, summary: 'Who am I: member, workspace, permissions and the CSRF token', response: { 200: SessionView } } }, async (req) => {
    const actor = actorOf(req);
    const ws = await getWorkspace(db, actor.workspaceId);
    const member = actor.memberId ? await db.tenant(actor.workspaceId, (tx) => getMember(tx, actor.workspaceId, actor.memberId!)) : null;
    return {
      member: member as never,
      workspace: { id: ws!.id, slug: ws!.slug, name: ws!.name, timeZone: ws!.timeZone, settings: ws!.settings },
      role: actor.role,
      permissions: [...ROLE_PERMISSIONS[actor.role]],
      csrfToken: actor.csrfToken,
    };
  });

  app.delete('/api/session', { config: { access: 'signed-in' }, schema: { tags, summary: 'Sign out', response: { 200: Ok } } }, async (req, reply) => {
    await signOut(db, actorOf(req));
    clearSessionCookie(reply);
    return { ok: true as const };
  });

  app.get('/api/workspace', { config: { access: 'workspace:read' }, schema: { tags, response: { 200: WorkspaceView } } }, async (req) => {
    const ws = await getWorkspace(db, actorOf(req).workspaceId);
    return { id: ws!.id, slug: ws!.slug, name: ws!.name, timeZone: ws!.timeZone, settings: ws!.settings };
  });

  app.patch('/api/workspace', { config: { access: 'workspace:manage' }, schema: { tags, body: WorkspacePatch, response: { 200: WorkspaceView } } }, async (req) => {
    const actor = actorOf(req);
    if (req.body.timeZone && !Intl.supportedValuesOf('timeZone').includes(req.body.timeZone) && req.body.timeZone !== 'UTC') {
      throw new AppError('VALIDATION_FAILED', 'Unknown time zone', [{ path: '/body/timeZone', message: 'an IANA time zone such as Europe/Paris' }]);
    }
    const ws = await updateWorkspace(db, actor.workspaceId, req.body);
    await db.tenant(actor.workspaceId, (tx) => recordAudit(tx, actor, { action: 'workspace.updated', data: { fields: Object.keys(req.body) } }));
    return { id: ws.id, slug: ws.slug, name: ws.name, timeZone: ws.timeZone, settings: ws.settings };
  });

  app.get('/api/members', { config: { access: 'members:read' }, schema: { tags, response: { 200: Type.Array(MemberView) } } }, async (req) => {
    const { workspaceId } = actorOf(req);
    return (await db.tenant(workspaceId, (tx) => listMembers(tx, workspaceId))) as never;
  });

  app.post('/api/members', { config: { access: 'members:manage' }, schema: { tags, summary: 'Add a member', body: MemberCreate, response: { 201: MemberView } } }, async (req, reply) => {
    const actor = actorOf(req);
    const m = await db.tenant(actor.workspaceId, async (tx) => {
      const created = await createMember(tx, actor.workspaceId, req.body);
      await recordAudit(tx, actor, { action: 'member.created', subjectType: 'member', subjectId: created.id, data: { role: created.role } });
      return created;
    });
    return reply.status(201).send(m as never);
  });

  app.patch('/api/members/:id', { config: { access: 'members:manage' }, schema: { tags, params: IdParams, body: MemberPatch, response: { 200: MemberView } } }, async (req) => {
    const actor = actorOf(req);
    return (await db.tenant(actor.workspaceId, async (tx) => {
      const before = await getMember(tx, actor.workspaceId, req.params.id);
      if (before.role === 'admin' && ((req.body.role && req.body.role !== 'admin') || req.body.isActive === false)) await assertAdminRemains(tx, actor.workspaceId, before.id);
      const m = await updateMember(tx, actor.workspaceId, req.params.id, req.body);
      const { password: _p, ...changed } = req.body;
      await recordAudit(tx, actor, { action: 'member.updated', subjectType: 'member', subjectId: m.id, data: { ...changed, passwordChanged: Boolean(req.body.password) } });
      return m;
    })) as never;
  });

  app.get('/api/tokens', { config: { access: 'tokens:manage' }, schema: { tags, response: { 200: Type.Array(TokenView) } } }, async (req) => (await listApiTokens(db, actorOf(req).workspaceId)) as never);

  app.post('/api/tokens', { config: { access: 'tokens:manage' }, schema: { tags, summary: 'Create an API token (shown once)', body: TokenCreate, response: { 201: TokenCreated } } }, async (req, reply) => {
    const created = await createApiToken(db, actorOf(req), { name: req.body.name, role: req.body.role, expiresAt: req.body.expiresAt ? new Date(req.body.expiresAt) : null });
    return reply.status(201).send(created);
  });

  app.delete('/api/tokens/:id', { config: { access: 'tokens:manage' }, schema: { tags, params: IdParams, response: { 200: Ok } } }, async (req) => {
    await revokeApiToken(db, actorOf(req), req.params.id);
    return { ok: true as const };
  });

  app.get('/api/audit', { config: { access: 'audit:read' }, schema: { tags, querystring: AuditQuery, response: { 200: Type.Array(AuditEntryView) } } }, async (req) => {
    const { workspaceId } = actorOf(req);
    return (await db.tenant(workspaceId, (tx) => listAudit(tx, workspaceId, { before: req.query.before, limit: req.query.limit ?? 50 }))) as never;
  });

  app.get('/api/teams', { config: { access: 'members:read' }, schema: { tags, response: { 200: Type.Array(TeamView) } } }, async (req) => {
    const { workspaceId } = actorOf(req);
    return db.tenant(workspaceId, (tx) => listTeams(tx, workspaceId));
  });

  app.post('/api/teams', { config: { access: 'members:manage' }, schema: { tags, body: TeamCreate, response: { 201: TeamView } } }, async (req, reply) => {
    const actor = actorOf(req);
    const team = await db.tenant(actor.workspaceId, async (tx) => {
      const t = await createTeam(tx, actor.workspaceId, req.body);
      await recordAudit(tx, actor, { action: 'team.created', subjectType: 'team', subjectId: t.id, data: { name: t.name } });
      return t;
    });
    return reply.status(201).send(team);
  });

  app.get('/api/teams/:id', { config: { access: 'members:read' }, schema: { tags, params: IdParams, response: { 200: TeamView } } }, async (req) => {
    const { workspaceId } = actorOf(req);
    return db.tenant(workspaceId, (tx) => getTeam(tx, workspaceId, req.params.id));
  });

  app.patch('/api/teams/:id', { config: { access: 'members:manage' }, schema: { tags, params: IdParams, body: TeamPatch, response: { 200: TeamView } } }, async (req) => {
    const actor = actorOf(req);
    return db.tenant(actor.workspaceId, async (tx) => {
      const t = await updateTeam(tx, actor.workspaceId, req.params.id, req.body);
      await recordAudit(tx, actor, { action: 'team.updated', subjectType: 'team', subjectId: t.id });
      return t;
    });
  });

  app.delete('/api/teams/:id', { config: { access: 'members:manage' }, schema: { tags, params: IdParams, response: { 200: Ok } } }, async (req) => {
    const actor = actorOf(req);
    await db.tenant(actor.workspaceId, async (tx) => {
      await deleteTeam(tx, actor.workspaceId, req.params.id);
      await recordAudit(tx, actor, { action: 'team.deleted', subjectType: 'team', subjectId: req.params.id });
    });
    return { ok: true as const };
  });
};
