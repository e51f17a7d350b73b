/**
 * Customers: one person across channels. Identities on each network are linked to a customer
 * with a confidence, a reason and who made the link; customers can be merged and unmerged, and
 * an identity split off and relinked, all recorded in a history that remembers exactly what
 * moved. Also the customer 360 (identities, influence, conversations and their outcomes,
 * sentiment over time), the customer list, duplicate suggestions, and the opt-in automatic
 * merge of customers sharing an exact email address, for the pipeline to call.
 */
export { type CustomerActor, SYSTEM_ACTOR, actorLabel } from './actor.ts';
export { type CustomerSummary } from './customer-summaries.ts';
export { listCustomers, type CustomerListOptions, type CustomerPage } from './list-customers.ts';
export { getCustomer360, type Customer360 } from './customer-360.ts';
export { updateCustomer, type CustomerChanges } from './update-customer.ts';
export { mergeCustomers, type MergeInput, type MergeOutcome } from './merge-customers.ts';
export { unlinkIdentity, type UnlinkOutcome } from './unlink-identity.ts';
export { undoMerge, type UndoOutcome } from './undo-merge.ts';
export { listMergeHistory, getMergeView, type MergeEntry, type MergeView } from './merge-history.ts';
export { suggestDuplicates, combineConfidence, type DuplicateSuggestion } from './suggest-duplicates.ts';
export { type SuggestionReason, EMAIL_CONFIDENCE, HANDLE_CONFIDENCE, URL_CONFIDENCE } from './duplicate-signals.ts';
export { autoMergeExactEmail, AUTO_MERGE_MIN_CONFIDENCE, AUTO_MERGE_SETTING } from './auto-merge.ts';
