/**
 * SLA: business-hours calendars (IANA time zones through Intl, weekly hours, holidays), policies
 * chosen by priority / channel kind / customer tier, and per-conversation clocks for first
 * response, relief and resolution that pause while waiting on the customer. Pure and
 * database-free: callers store the calendars, policies and clocks and run the scheduler.
 */
export {
  addBusinessMinutes,
  businessMinutesBetween,
  isWithinBusinessHours,
  nextBusinessOpening,
  openIntervals,
  validateBusinessCalendar,
  type BusinessCalendar,
  type CalendarInput,
  type OpeningInterval,
} from './business-calendar.ts';
export {
  DEFAULT_WARNING_FRACTION,
  SLA_METRICS,
  selectSlaPolicy,
  targetFor,
  validateSlaPolicy,
  type SlaMetric,
  type SlaPolicy,
  type SlaPolicyChoice,
  type SlaPolicyCriteria,
  type SlaPolicyFacts,
  type SlaTargets,
} from './sla-policy.ts';
export {
  applySlaEvent,
  describeSlaClock,
  pauseSlaClocks,
  reopenSlaClock,
  resumeSlaClocks,
  retargetSlaClocks,
  reviveSlaClocks,
  slaClockState,
  startSlaClocks,
  stopSlaClock,
  type ConversationStatus,
  type SlaClock,
  type SlaClockOutcome,
  type SlaClockState,
  type SlaClockView,
  type SlaConversationEvent,
} from './sla-clocks.ts';
export { markSlaEventsEmitted, nextSlaEvents, type ConversationClocks, type SlaEvent, type SlaEventType, type SlaSchedule } from './sla-events.ts';
export {
  formatMinuteOfDay,
  isValidTimeZone,
  parseMinuteOfDay,
  toEpochMs,
  tryEpochMs,
  WEEKDAYS,
  zonedParts,
  zonedTimeToInstant,
  type InstantInput,
  type LocalDate,
  type Weekday,
  type ZonedParts,
} from './zoned-time.ts';
