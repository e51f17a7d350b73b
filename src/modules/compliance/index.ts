/**
 * Compliance: the guard a reply passes before it leaves. A pure checker (card and account numbers,
 * emails, phone numbers, postal addresses, the workspace's own patterns and forbidden promises,
 * business hours) with the workspace's settings (`workspaces.settings.compliance`), validated when
 * saved. The conversations module enforces it in the reply path; the console calls the same check
 * as the agent types.
 */
export { checkReply, blocking, warnings, maskDigits, phraseRegExp, type Finding, type FindingKind, type CheckInput } from './check.ts';
export { findCardNumbers, findAccountNumbers, findEmails, findPhones, findAddresses, luhnValid, ibanValid, type Span } from './detectors.ts';
export {
  BUILTIN_KINDS, DEFAULT_COMPLIANCE, LIMITS as COMPLIANCE_LIMITS, patternProblem, readComplianceSettings, validateComplianceSettings,
  type BuiltinKind, type BuiltinSetting, type ComplianceSettings, type ComplianceInput, type CustomPattern, type ForbiddenPromise, type GuardAction,
} from './settings.ts';
export { loadComplianceConfig, saveComplianceConfig, channelBusinessHours, type ComplianceConfig, type ChannelHours } from './store.ts';
export { checkComplianceFor, channelForCheck, enforceCompliance, type GuardInput } from './guard.ts';
