/** Fire drills: the scenarios and history page, one drill's progress and report, the DRILL banner. */
export { DrillsPage } from './drills-page.tsx';
export { DrillPage } from './drill-page.tsx';
export { DrillBanner } from './drill-banner.tsx';
export { DrillTag } from './drill-tag.tsx';
