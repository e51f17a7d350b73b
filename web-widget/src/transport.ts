import type { WidgetConfig } from './config.ts';

/** One message of the conversation, as the stream carries it. */
export interface ChatEvent {
  id: string;
  from: 'visitor' | 'agent';
  text: string;
  at: number;
}

export type SendResult = { ok: true } | { ok: false; reason: string; canRetry: boolean };

const RETRY_DELAYS_MS = [1000, 2000, 4000, 8000, 16000];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The widget's link to Lookout: messages go up as POSTs (retried with the same clientMessageId,
 * which the server stores once), the conversation comes down as server-sent events. EventSource
 * reconnects by itself and resumes with Last-Event-ID; when the server refused the stream
 * outright (EventSource gives up), we reopen it ourselves with `?after=` the last cursor seen.
 * The widget drops events whose id it already shows, so a replay is never a duplicate.
 */
export class ChatTransport {
  private source: EventSource | null = null;
  private lastAt = 0;
  private reconnectDelay = 1000;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly cfg: WidgetConfig,
    private readonly visitorId: string,
    private readonly onEvent: (e: ChatEvent) => void,
    private readonly onConnection: (state: 'open' | 'reconnecting') => void,
  ) {}

  private url(path: string): URL {
    return new URL(`api/webchat/${encodeURIComponent(this.cfg.siteKey)}/${path}`, this.cfg.base);
  }

  get isConnected(): boolean {
    return this.source !== null;
  }

  connect(): void {
    if (this.source) return;
    const url = this.url('stream');
    url.searchParams.set('visitorId', this.visitorId);
    const user = this.cfg.user;
    if (user?.hash) {
      url.searchParams.set('userId', user.userId);
      url.searchParams.set('hash', user.hash);
    }
    // EventSource cannot send headers: the link's token goes in the query.
    if (this.cfg.chatLink) url.searchParams.set('link', this.cfg.chatLink);
    if (this.lastAt) url.searchParams.set('after', String(this.lastAt));
    const source = new EventSource(url.toString());
    this.source = source;
    source.onopen = () => {
      this.reconnectDelay = 1000;
      this.onConnection('open');
    };
    source.onmessage = (msg) => {
      let e: ChatEvent;
      try {
        e = JSON.parse(msg.data) as ChatEvent;
      } catch {
        return;
      }
      if (typeof e.at === 'number' && e.at > this.lastAt) this.lastAt = e.at;
      this.onEvent(e);
    };
    source.onerror = () => {
      this.onConnection('reconnecting');
      if (source.readyState !== EventSource.CLOSED) return; // the browser is already retrying
      source.close();
      this.source = null;
      this.reconnectTimer = setTimeout(() => this.connect(), this.reconnectDelay);
      this.reconnectDelay = Math.min(this.reconnectDelay * 2, 30_000);
    };
  }

  disconnect(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.source?.close();
    this.source = null;
  }

  async send(clientMessageId: string, text: string): Promise<SendResult> {
    const user = this.cfg.user;
    const body = JSON.stringify({
      visitorId: this.visitorId,
      clientMessageId,
      text,
      pageUrl: location.href.slice(0, 2048),
      ...(user ? { identity: user } : {}),
    });
    for (let attempt = 0; ; attempt++) {
      let status = 0;
      let detail = '';
      try {
        const headers: Record<string, string> = { 'content-type': 'application/json', ...(this.cfg.chatLink ? { 'x-lookout-chat-link': this.cfg.chatLink } : {}) };
        const res = await fetch(this.url('messages').toString(), { method: 'POST', headers, body, credentials: 'omit' });
        status = res.status;
        if (res.ok) return { ok: true };
        detail = await res.json().then((p: { detail?: string }) => p.detail ?? '', () => '');
      } catch {
        status = 0; // offline, or the request never reached Lookout
      }
      const transient = status === 0 || status === 429 || status >= 500;
      if (!transient) return { ok: false, reason: detail || `refused (${status})`, canRetry: false };
      const wait = RETRY_DELAYS_MS[attempt];
      if (wait === undefined) return { ok: false, reason: status === 429 ? 'Too many messages; wait a minute' : 'Could not reach us', canRetry: true };
      await sleep(wait);
    }
  }
}
