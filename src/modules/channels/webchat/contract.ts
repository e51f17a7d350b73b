import { Type, type Static } from 'typebox';
import { CHAT_LINK_TOKEN_PATTERN } from './chat-link.ts';

/**
 * What the widget sends and receives, as the OpenAPI document shows it. Strict: an unknown field
 * is a 400, so a typo in a hand-written integration is found at once.
 */
export const MAX_TEXT_LENGTH = 5000;
/** A chat message is a few KB at most; anything bigger is refused before it is parsed. */
export const MAX_BODY_BYTES = 16 * 1024;

/** Random ids the widget makes (crypto.randomUUID()); long enough that guessing one is hopeless. */
const OpaqueId = (description: string) => Type.String({ pattern: '^[A-Za-z0-9_-]{16,64}$', description });

export const WebchatIdentity = Type.Object(
  {
    userId: Type.String({ minLength: 1, maxLength: 128, description: "The visitor's id in the company's own system" }),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 320 })),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    hash: Type.Optional(
      Type.String({ pattern: '^[0-9A-Fa-f]{64}$', description: "hex(HMAC-SHA256(identitySecret, userId)), computed by the company's server (as Intercom's user_hash)" }),
    ),
  },
  { additionalProperties: false },
);

export const WebchatMessageBody = Type.Object(
  {
    visitorId: OpaqueId('The anonymous visitor id the widget keeps in localStorage'),
    clientMessageId: OpaqueId('Unique per message: a retried POST with the same id is stored once'),
    text: Type.String({ minLength: 1, maxLength: MAX_TEXT_LENGTH, pattern: '\\S' }),
    pageUrl: Type.Optional(Type.String({ maxLength: 2048, description: 'The page the visitor wrote from, shown to the agent' })),
    identity: Type.Optional(WebchatIdentity),
  },
  { additionalProperties: false },
);
export type WebchatMessageBody = Static<typeof WebchatMessageBody>;

export const WebchatAccepted = Type.Object({
  status: Type.Literal('accepted'),
  id: Type.String({ description: 'The message id the stream will echo (`webchat:<clientMessageId>`)' }),
  duplicate: Type.Boolean({ description: 'True when this clientMessageId was accepted before' }),
});

export const WebchatStreamQuery = Type.Object(
  {
    visitorId: OpaqueId('The anonymous visitor id'),
    userId: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    hash: Type.Optional(Type.String({ pattern: '^[0-9A-Fa-f]{64}$' })),
    after: Type.Optional(Type.String({ pattern: '^[0-9]{1,15}$', description: 'Resume cursor when Last-Event-ID cannot be sent (a new EventSource)' })),
    link: Type.Optional(Type.String({ pattern: CHAT_LINK_TOKEN_PATTERN, description: "A secure chat link's token (EventSource cannot send the header): the stream is that link's conversation" })),
  },
  { additionalProperties: false },
);
export type WebchatStreamQuery = Static<typeof WebchatStreamQuery>;

/** The header a secure chat link's page sends its token in, with every message. */
export const CHAT_LINK_HEADER = 'x-lookout-chat-link';

export const SiteKeyParams = Type.Object({ siteKey: Type.String({ pattern: '^ch_[A-Za-z0-9_-]{8,64}$' }) }, { additionalProperties: false });
