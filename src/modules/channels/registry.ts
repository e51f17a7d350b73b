import type { ChannelKind, Connector } from './connector.ts';
import { emailConnector } from './email/index.ts';
import { rssConnector } from './rss/index.ts';
import { xConnector } from './x/index.ts';
import { mastodonConnector } from './mastodon/index.ts';
import { webhookConnector } from './webhook/index.ts';
import { blueskyConnector } from './bluesky/index.ts';
import { importConnector } from './import-connector.ts';
import { webchatConnector } from './webchat/index.ts';

/** Every kind of channel Lookout can connect: a new network is one folder and one line here. */
const CONNECTORS: Partial<Record<ChannelKind, Connector>> = {
  email: emailConnector,
  rss: rssConnector,
  x: xConnector,
  mastodon: mastodonConnector,
  webhook: webhookConnector,
  bluesky: blueskyConnector,
  import: importConnector,
  webchat: webchatConnector,
};

export const CHANNEL_KINDS = Object.keys(CONNECTORS) as ChannelKind[];

export const connectorFor = (kind: string): Connector | null => CONNECTORS[kind as ChannelKind] ?? null;
