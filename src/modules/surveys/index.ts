/**
 * Check-in surveys: "how is it going?" — CSAT 1–5 or NPS 0–10 with a comment. Sent after a
 * resolution, on a schedule, or by hand, as a link in the customer's channel or by email; the
 * link's token is random and only its sha256 is stored; answers are stored on the survey (linked
 * to the customer and the conversation) and summarized for reports.
 */
export { sendSurvey, surveyLink, surveyText, type SurveyDelivery, type SurveyTrigger } from './send-survey.ts';
export { answerSurvey, findSurveyByToken, validateAnswer, SurveyExpiredError, COMMENT_MAX, SCORE_RANGE, type PublicSurvey } from './answer.ts';
export { listCustomerSurveys, listConversationSurveys, surveySummary, type SurveyView, type ScoreSummary } from './views.ts';
export { runSurveySchedule } from './schedule.ts';
export { readSurveySettings, surveySettingsOf, DEFAULT_SURVEY_SETTINGS, type SurveySettings, type SurveyKind } from './settings.ts';
export { renderSurveyPage, type SurveyPageState } from './page.ts';
