import { blocking, channelForCheck, checkComplianceFor, loadComplianceConfig, patternProblem, saveComplianceConfig, warnings } from '../../modules/compliance/index.ts';
import { recordAudit } from '../../modules/access/index.ts';
import { and, eq, schema } from '../../platform/db/index.ts';
import { notFound } from '../../platform/errors/index.ts';
import {
  ComplianceCheckBody, ComplianceCheckView, CompliancePatternTestBody, CompliancePatternTestView, ComplianceSettingsBody, ComplianceSettingsView,
} from '../../contracts/index.ts';
import { actorOf } from '../auth.ts';
import type { RouteModule } from './types.ts';

const tags = ['compliance'];
const MAX_TEST_MATCHES = 50;

/**
 * The compliance guard's settings (admins write them; whoever replies reads them to know the rules)
 * and the check the composer runs as the agent types. The reply path runs the same check and
 * refuses what it blocks (src/modules/conversations/replies.ts).
 */
export const complianceRoutes: RouteModule = (app, ctx) => {
  const { db } = ctx;

  app.get('/api/compliance', { config: { access: 'conversations:reply' }, schema: { tags, summary: "The workspace's compliance guard settings", response: { 200: ComplianceSettingsView } } }, async (req) => {
    const { workspaceId } = actorOf(req);
    return db.tenant(workspaceId, (tx) => loadComplianceConfig(tx, workspaceId));
  });

  app.put(
    '/api/compliance',
    { config: { access: 'workspace:manage' }, schema: { tags, summary: 'Replace the compliance guard settings (patterns are validated: an invalid or catastrophic regex is a 400 naming the field)', body: ComplianceSettingsBody, response: { 200: ComplianceSettingsView } } },
    async (req) => {
      const actor = actorOf(req);
      const saved = await saveComplianceConfig(db, actor.workspaceId, req.body);
      await db.tenant(actor.workspaceId, (tx) =>
        recordAudit(tx, actor, {
          action: 'compliance.updated',
          data: { builtins: saved.builtins, patterns: saved.patterns.map((p) => p.name), forbiddenPromises: saved.forbiddenPromises.length, businessHours: saved.businessHours, requireApprovalForPublicReply: saved.requireApprovalForPublicReply },
        }),
      );
      return saved;
    },
  );

  app.post(
    '/api/compliance/check',
    { config: { access: 'conversations:reply' }, schema: { tags, summary: 'What the guard finds in a draft reply (nothing is stored)', body: ComplianceCheckBody, response: { 200: ComplianceCheckView } } },
    async (req) => {
      const { workspaceId } = actorOf(req);
      const b = req.body;
      const findings = await db.tenant(workspaceId, async (tx) => {
        let channelId = b.channelId ?? null;
        if (!channelId && b.conversationId) {
          const [c] = await tx.select({ channelId: schema.conversations.channelId }).from(schema.conversations).where(and(eq(schema.conversations.workspaceId, workspaceId), eq(schema.conversations.id, b.conversationId)));
          if (!c) throw notFound('Conversation');
          channelId = c.channelId;
        }
        const channel = channelId ? await channelForCheck(tx, workspaceId, channelId) : null;
        if (b.channelId && !channel) throw notFound('Channel');
        return checkComplianceFor(tx, workspaceId, { text: b.text, visibility: b.visibility, channel, now: ctx.clock.now() });
      });
      return { findings, blocked: blocking(findings).length > 0, needsAcknowledgement: warnings(findings).length > 0 };
    },
  );

  app.post(
    '/api/compliance/test-pattern',
    { config: { access: 'workspace:manage' }, schema: { tags, summary: 'Try a custom pattern on sample text before saving it', body: CompliancePatternTestBody, response: { 200: CompliancePatternTestView } } },
    async (req) => {
      const { pattern, flags = '', text } = req.body;
      const problem = patternProblem(pattern, flags);
      if (problem) return { problem, matches: [] };
      const matches = [];
      for (const m of text.matchAll(new RegExp(pattern, `${flags}g`))) {
        if (!m[0]) continue;
        matches.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
        if (matches.length >= MAX_TEST_MATCHES) break;
      }
      return { problem: null, matches };
    },
  );
};
