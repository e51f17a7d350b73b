/** Check-ins in the console: the scores of a customer or a conversation, and the button that asks. */
export { SurveyScores } from './survey-scores.tsx';
export { SendSurveyButton } from './send-survey-button.tsx';
export { useSurveySummary, useSurveysOf, SURVEYS_KEY } from './api.ts';
