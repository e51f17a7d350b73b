/**
 * Web chat: the embeddable widget's channel (the widget itself is in web-widget/, served at
 * /widget.js). A company puts one script tag with the channel's public key on its site; visitors
 * write with POST /api/webchat/:siteKey/messages and read the conversation live over server-sent
 * events from /api/webchat/:siteKey/stream. A signed-in visitor is proven by
 * hex(HMAC-SHA256(identitySecret, userId)) computed by the company's server (as Intercom's
 * user_hash / Chatwoot's identifier_hash). Config: `allowedOrigins` (the sites that may embed it);
 * secrets: `identitySecret`.
 *
 * What the HTTP route needs: `receiveVisitorMessage` (commit + echo), `visitorHistory` (replay on
 * connect), `webchatHub` (live fan-out; replaceable by NATS), `resolveVisitor`, `isOriginAllowed`,
 * and the TypeBox schemas. The outbox sends agents' replies through `webchatConnector.send`.
 */
export { createWebchatConnector, webchatConnector } from './webchat-connector.ts';
export { receiveVisitorMessage, inboundMessageId, type BoundVisitor, type ReceiveOutcome } from './receive-message.ts';
export { visitorHistory, outboundMessageId, type HistoryQuery } from './history.ts';
export { LocalWebchatHub, webchatHub, type WebchatEvent, type WebchatHub, type VisitorAddress } from './hub.ts';
export { IDENTITY_SECRET, computeIdentityHash, isIdentityHashValid, resolveVisitor, type ClaimedIdentity, type VisitorResolution } from './identity.ts';
export { allowedOriginsOf, isOriginAllowed } from './origins.ts';
export { VisitorRateLimiter } from './rate-limit.ts';
export { openChatLinkSession, type ChatLinkSession } from './chat-link-session.ts';
export { renderChatLinkPage, type ChatLinkPageState } from './link-page.ts';
export { CHAT_LINK_TOKEN_PATTERN, CHAT_LINK_TTL_MS, chatLinkKey, chatLinkUrl, linkVisitorKey, signChatLink, verifyChatLink, type ChatLinkCheck, type ChatLinkClaims } from './chat-link.ts';
export { CHAT_LINK_HEADER, MAX_BODY_BYTES, MAX_TEXT_LENGTH, SiteKeyParams, WebchatAccepted, WebchatIdentity, WebchatMessageBody, WebchatStreamQuery } from './contract.ts';
