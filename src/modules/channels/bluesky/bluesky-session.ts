import { createHash } from 'node:crypto';
import { AtpAgent } from '@atproto/api';
import type { BlueskySettings } from './bluesky-config.ts';

/**
 * Logged-in agents, one per channel, kept for the life of the process. Bluesky allows only 30
 * `createSession` calls per account in 5 minutes (300 a day), so a poll every few seconds must not
 * log in each time: the agent keeps its access token and refreshes it by itself with the refresh
 * token. A changed identifier, service or app password (the fingerprint) forces a new login.
 * Sessions are not persisted: tokens are secrets and the poll cursor is not a secret store; a
 * restart costs one login per channel.
 */
export interface BlueskySession {
  agent: AtpAgent;
  did: string;
  handle: string;
}

export class SessionPool {
  private readonly entries = new Map<string, { fingerprint: string; session: Promise<BlueskySession> }>();

  /** The channel's session, logging in when there is none (concurrent callers share one login). */
  get(channelId: string, settings: BlueskySettings): Promise<BlueskySession> {
    const fingerprint = fingerprintOf(settings);
    const existing = this.entries.get(channelId);
    if (existing && existing.fingerprint === fingerprint) return existing.session;
    const session = this.login(settings);
    this.entries.set(channelId, { fingerprint, session });
    // A failed login is not cached: the next call tries again.
    session.catch(() => {
      if (this.entries.get(channelId)?.session === session) this.entries.delete(channelId);
    });
    return session;
  }

  /** Whether a login is cached for these exact settings. */
  has(channelId: string, settings: BlueskySettings): boolean {
    return this.entries.get(channelId)?.fingerprint === fingerprintOf(settings);
  }

  /** Forget the channel's session (after an auth error), so the next call logs in afresh. */
  drop(channelId: string): void {
    this.entries.delete(channelId);
  }

  private async login(settings: BlueskySettings): Promise<BlueskySession> {
    const agent = new AtpAgent({ service: settings.config.service });
    const res = await agent.login({ identifier: settings.config.identifier, password: settings.appPassword });
    return { agent, did: res.data.did, handle: res.data.handle };
  }
}

const fingerprintOf = (s: BlueskySettings): string =>
  createHash('sha256')
    .update(`${s.config.service}\n${s.config.identifier}\n${s.appPassword}`)
    .digest('hex');
