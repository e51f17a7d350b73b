import { renderTemplate } from '../conversations/index.ts';

export interface RecipientFacts {
  customerName: string | null;
  displayName: string | null;
  handle: string | null;
}

/** The variables a campaign message may use. */
export const OUTREACH_VARIABLES = ['customer.name', 'customer.handle', 'incident.title'] as const;

/**
 * The campaign's message as one customer reads it. A customer without a known name is greeted
 * by their handle, else "there" ("Hi there"), so a pre-approved message never goes out with a hole.
 */
export const renderFor = (body: string, who: RecipientFacts, incidentTitle: string | null): string => {
  const name = who.customerName ?? who.displayName ?? who.handle ?? 'there';
  return renderTemplate(body, { 'customer.name': name, 'customer.handle': who.handle ?? name, 'incident.title': incidentTitle ?? '' }).text.trim();
};
