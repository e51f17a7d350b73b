/** Customers: the list and the 360 (identities, conversations, sentiment, merge and unmerge). */
export { CustomersPage } from './customers-page.tsx';
export { CustomerPage } from './customer-page.tsx';
