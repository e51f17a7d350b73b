import { eq, schema } from '../../platform/db/index.ts';
import { recordEvents } from '../../platform/events/index.ts';
import type { AlertDeps } from './alert-deps.ts';
import { getAlertRule } from './alert-rules.ts';
import { loadMembers, targetsOf } from './plan-deliveries.ts';
import type { RuleDefinition } from './rule-definition.ts';
import { messageOf } from './send/alert-message.ts';
import { sendEmail, sendSignedWebhook, sendSlack } from './send/transports.ts';

export interface TestAlertResult {
  kind: string;
  target: string;
  ok: boolean;
  error: string | null;
}

/**
 * "Send test alert" from the rule editor: a marked TEST message to each first-level recipient,
 * sent now (not queued, no retries, no incident), so whoever set the rule up sees at once which
 * addresses and URLs work. Nothing is recorded on any incident.
 */
export const sendTestAlert = async (deps: AlertDeps, workspaceId: string, ruleId: string): Promise<TestAlertResult[]> => {
  const { rule, members, wsName } = await deps.db.tenant(workspaceId, async (tx) => {
    const [ws] = await tx.select({ name: schema.workspaces.name }).from(schema.workspaces).where(eq(schema.workspaces.id, workspaceId));
    return { rule: await getAlertRule(tx, workspaceId, ruleId), members: await loadMembers(tx, workspaceId), wsName: ws?.name ?? '' };
  });
  const d = rule.definition as unknown as RuleDefinition;
  const now = deps.clock.now();
  const results: TestAlertResult[] = [];
  const notified: string[] = [];
  for (const r of d.recipients) {
    for (const t of targetsOf(deps.box, r, members)) {
      const m = messageOf(
        { id: `test-${now.getTime()}`, incidentId: null, escalationLevel: 0, payload: { title: `Test alert from ${wsName}`, severity: d.conditions.minSeverity, status: 'detected', ruleName: rule.name, isTest: true, incidentId: 'test' } },
        { publicUrl: deps.mail.publicUrl, ackUrl: null },
      );
      try {
        if (t.kind === 'console') notified.push(t.memberId!);
        else if (t.kind === 'email') await sendEmail(deps.mail, t.target, m);
        else if (t.kind === 'slack') await sendSlack(deps.box.open(t.sealed!.url), m);
        else await sendSignedWebhook(deps.box.open(t.sealed!.url), deps.box.open(t.sealed!.secret ?? ''), m, now);
        results.push({ kind: t.kind, target: t.target, ok: true, error: null });
      } catch (err) {
        results.push({ kind: t.kind, target: t.target, ok: false, error: (err as Error).message.slice(0, 300) });
      }
    }
  }
  if (notified.length) {
    const stored = await deps.db.tenant(workspaceId, (tx) =>
      recordEvents(tx, workspaceId, notified.map((memberId) => ({ type: 'member.notified', subjectId: memberId, data: { memberId, isTest: true, ruleId, message: `Test alert from the rule "${rule.name}"` } }))),
    );
    deps.bus.committed(workspaceId, stored);
  }
  return results;
};
