/** The mission-control wall: one bounded read of what is happening now (volume, incidents, SLA, influencers, queues). */
export { loadWall } from './wall-view.ts';
