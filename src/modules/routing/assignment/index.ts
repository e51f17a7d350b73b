/**
 * Assignment within a team: round-robin or least-loaded, respecting presence, capacity and skills
 * (language, channel), sticky to the customer's previous agent. Pure: `chooseAgent` returns the
 * agent id (or null and why) and the round-robin pointer to store.
 */
export {
  chooseAgent,
  type AgentCandidate,
  type AgentPresence,
  type AssignmentChoice,
  type AssignmentFacts,
  type AssignmentStrategy,
  type TeamAssignmentSettings,
} from './choose-agent.ts';
