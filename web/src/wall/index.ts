/** The mission-control wall: a full-screen, live view for a big display. */
export { WallPage } from './wall-page.tsx';
