export { OutreachPage } from './outreach-page.tsx';
