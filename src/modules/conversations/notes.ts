import { and, eq, schema } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors/index.ts';
import { getConversationRow } from './conversation-detail.ts';
import { getMessageView, type MessageView } from './message-view.ts';
import { findMentionedMembers } from './note-mentions.ts';
import { addTimeline, memberIdOf, type Who, type Work } from './work.ts';

/**
 * An internal note: never leaves Lookout, visible to the team in the timeline. Members named with
 * `@` are stored in the note's meta and each gets a `member.mentioned` event (their console and
 * notifications listen for it).
 */
export const addNote = async (work: Work, who: Who, conversationId: string, text: string): Promise<MessageView> => {
  const body = text.trim();
  if (!body) throw new AppError('VALIDATION_FAILED', 'A note needs some text', [{ path: '/body/text', message: 'empty' }]);
  const c = await getConversationRow(work.tx, work.workspaceId, conversationId);
  const members = await work.tx
    .select({ id: schema.members.id, name: schema.members.name, email: schema.members.email })
    .from(schema.members)
    .where(and(eq(schema.members.workspaceId, work.workspaceId), eq(schema.members.isActive, true)));
  const author = memberIdOf(who);
  const mentioned = findMentionedMembers(body, members).filter((id) => id !== author);
  const [row] = await work.tx
    .insert(schema.messages)
    .values({
      workspaceId: work.workspaceId,
      conversationId,
      direction: 'note',
      authorMemberId: author,
      visibility: 'internal',
      body,
      meta: { mentionedMemberIds: mentioned },
      isDrill: c.isDrill,
      createdAt: work.now,
    })
    .returning({ id: schema.messages.id });
  const messageId = row!.id;
  await addTimeline(work, who, conversationId, 'note_added', { messageId, mentionedMemberIds: mentioned });
  work.emit({ type: 'conversation.note_added', subjectId: conversationId, data: { messageId, authorMemberId: author, isDrill: c.isDrill } });
  for (const memberId of mentioned) {
    work.emit({ type: 'member.mentioned', subjectId: memberId, data: { memberId, conversationId, messageId, byMemberId: author } });
  }
  return (await getMessageView(work.tx, work.workspaceId, messageId))!;
};
