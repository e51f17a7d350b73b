/**
 * Routing: who takes a mention and how fast. Three pure, database-free parts:
 * - rules/       channel rules and data rules, validated when saved, explained when they fire;
 * - assignment/  which agent of a team takes a conversation;
 * - sla/         business-hours calendars, SLA policies and per-conversation clocks.
 * The pipeline's route stage and the API wire them to tables.
 */
export * from './rules/index.ts';
export * from './assignment/index.ts';
export * from './sla/index.ts';
export { routeConversations, type RoutableInput, type Acknowledgement } from './route-conversations.ts';
export * from './rules-store.ts';
export { factsOf } from './route-conversations.ts';
