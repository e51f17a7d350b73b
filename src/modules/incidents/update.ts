import { eq, schema } from '../../platform/db/index.ts';
import type { IncidentPatch } from '../../contracts/index.ts';
import type { Work, Who } from '../conversations/index.ts';
import { assertNotEmpty } from './declare.ts';
import { normaliseMatchTerms } from './matching.ts';
import { checkOwner } from './owner.ts';
import { applyPlaybook } from './playbooks.ts';
import { checkIncidentTransition, statusStamps } from './status.ts';
import { addIncidentEvent, getIncident, type IncidentRecord } from './store.ts';

/**
 * A person moves an incident: status (with its timestamps), owner, severity, title, type (which
 * brings the type's playbook) and match terms. Each change is a timeline row; the whole is one
 * `incident.updated` event, plus `incident.status_changed` for a status move. Resolving an
 * incident that never went viral records a crisis diverted.
 */
export const updateIncident = async (work: Work, who: Who, id: string, patch: IncidentPatch): Promise<IncidentRecord> => {
  const incident = await getIncident(work.tx, work.workspaceId, id, { forUpdate: true });
  const set: Partial<typeof schema.incidents.$inferInsert> = {};
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  const isDrill = incident.isDrill;

  if (patch.status !== undefined && patch.status !== incident.status) {
    checkIncidentTransition(incident.status, patch.status);
    Object.assign(set, statusStamps(incident, patch.status, work.now));
    changes.status = { from: incident.status, to: patch.status };
    await addIncidentEvent(work, who, id, 'status_changed', { from: incident.status, to: patch.status });
    if (patch.status === 'resolved' && !incident.viralAt) {
      set.crisisDiverted = true;
      await addIncidentEvent(work, who, id, 'crisis_diverted', { mentionCount: incident.mentionCount, reach: incident.reach });
    }
  }
  if (patch.ownerId !== undefined && patch.ownerId !== incident.ownerId) {
    if (patch.ownerId) await checkOwner(work, patch.ownerId);
    set.ownerId = patch.ownerId;
    changes.ownerId = { from: incident.ownerId, to: patch.ownerId };
    await addIncidentEvent(work, who, id, 'owner_changed', { from: incident.ownerId, to: patch.ownerId });
  }
  if (patch.severity !== undefined && patch.severity !== incident.severity) {
    set.severity = patch.severity;
    changes.severity = { from: incident.severity, to: patch.severity };
    await addIncidentEvent(work, who, id, 'severity_changed', { from: incident.severity, to: patch.severity });
  }
  if (patch.title !== undefined && patch.title.trim() !== incident.title) {
    assertNotEmpty(patch.title, '/body/title');
    set.title = patch.title.trim();
    changes.title = { from: incident.title, to: set.title };
    await addIncidentEvent(work, who, id, 'title_changed', { from: incident.title, to: set.title });
  }
  if (patch.matchTerms !== undefined) {
    const terms = normaliseMatchTerms(patch.matchTerms);
    if (terms.join('\n') !== incident.matchTerms.join('\n')) {
      set.matchTerms = terms;
      changes.matchTerms = { from: incident.matchTerms, to: terms };
      await addIncidentEvent(work, who, id, 'match_terms_changed', { from: incident.matchTerms, to: terms });
    }
  }
  const typeChanged = patch.type !== undefined && patch.type !== incident.type;
  if (typeChanged) {
    set.type = patch.type;
    changes.type = { from: incident.type, to: patch.type };
    await addIncidentEvent(work, who, id, 'type_changed', { from: incident.type, to: patch.type });
  }
  if (!Object.keys(changes).length) return incident;

  const [row] = await work.tx.update(schema.incidents).set({ ...set, updatedAt: work.now }).where(eq(schema.incidents.id, id)).returning();
  if (typeChanged && patch.type) await applyPlaybook(work, who, row!, patch.type);
  work.emit({ type: 'incident.updated', subjectId: id, data: { incidentId: id, changes, isDrill } });
  if (changes.status) work.emit({ type: 'incident.status_changed', subjectId: id, data: { incidentId: id, from: incident.status, to: patch.status, isDrill } });
  return getIncident(work.tx, work.workspaceId, id);
};
