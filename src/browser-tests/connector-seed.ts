import assert from 'node:assert/strict';
import { signWebhook } from '../modules/channels/index.ts';
import { PipelineRunner } from '../modules/ingestion/index.ts';
import { systemClock } from '../platform/clock/index.ts';
import { silentLogger } from '../platform/logger/index.ts';
import { createStages } from '../worker/stages.ts';
import type { Browser, Lookout } from './harness.ts';

/**
 * Mentions that arrive the way a real source sends them: a signed POST to the generic webhook
 * channel (/api/hooks/:key), then the real pipeline stages, which publish on the test server's
 * event bus, so an open console hears about them live.
 */

export const WEBHOOK_SECRET = 'whsec_browser_tests_0123456789abcdef';

export interface WebhookMention {
  id: string;
  text: string;
  handle: string;
  name?: string;
  followers?: number;
}

/** Calls the API as whoever is signed in in the browser (cookie and CSRF token of that session). */
export const apiAs = async (b: Browser, lookout: Lookout, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, data?: unknown) => {
  const session = await (await b.context.request.get(`${lookout.url}/api/session`)).json();
  return b.context.request.fetch(`${lookout.url}${path}`, { method, headers: { 'x-csrf-token': session.csrfToken }, ...(data === undefined ? {} : { data }) });
};

/** Connects a webhook channel through the API (the browser must be signed in as an admin); returns its public key. */
export const connectWebhookChannel = async (b: Browser, lookout: Lookout, name = 'Brand monitor'): Promise<string> => {
  const res = await apiAs(b, lookout, 'POST', '/api/channels', { kind: 'webhook', name, secrets: { signingSecret: WEBHOOK_SECRET } });
  assert.equal(res.status(), 201, await res.text());
  return (await res.json()).publicKey as string;
};

let deliveries = 0;

/** Signs and posts one delivery like an external sender, then runs the pipeline over it. */
export const pushThroughWebhook = async (lookout: Lookout, key: string, mentions: WebhookMention[]): Promise<void> => {
  const body = JSON.stringify({
    items: mentions.map((m) => ({
      id: m.id,
      text: m.text,
      createdAt: new Date().toISOString(),
      author: { id: `w-${m.handle}`, handle: m.handle, ...(m.name ? { name: m.name } : {}), followers: m.followers ?? 10 },
    })),
  });
  const headers = signWebhook(WEBHOOK_SECRET, Date.now() / 1000, body, `browser-test-${++deliveries}-${Date.now()}`);
  const res = await fetch(`${lookout.url}/api/hooks/${key}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  assert.equal(res.status, 202, await res.text());
  await drainPipeline(lookout);
};

export const drainPipeline = async (lookout: Lookout): Promise<void> => {
  const { db, bus } = lookout.server.ctx;
  await new PipelineRunner(db, createStages({ clock: systemClock, log: silentLogger() }), bus, systemClock, silentLogger()).drain();
};
