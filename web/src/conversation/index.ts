/** One conversation: timeline, triage explanation, composer, status and assignee. */
export { ConversationPage } from './conversation-page.tsx';
