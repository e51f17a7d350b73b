/** Replies held for a supervisor's approval: approve, edit then approve, or reject with a reason. */
export { ApprovalsPage } from './approvals-page.tsx';
