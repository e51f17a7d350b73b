import { and, eq, schema } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors/index.ts';
import type { Work } from '../conversations/index.ts';

/** An incident's owner is an active member of the workspace. */
export const checkOwner = async (work: Work, memberId: string): Promise<void> => {
  const [m] = await work.tx
    .select({ isActive: schema.members.isActive })
    .from(schema.members)
    .where(and(eq(schema.members.workspaceId, work.workspaceId), eq(schema.members.id, memberId)));
  if (!m) throw new AppError('VALIDATION_FAILED', 'Unknown owner', [{ path: '/body/ownerId', message: 'not a member of this workspace' }]);
  if (!m.isActive) throw new AppError('VALIDATION_FAILED', 'The owner is deactivated', [{ path: '/body/ownerId', message: 'this member is deactivated' }]);
};
