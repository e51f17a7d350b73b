import nodemailer from 'nodemailer';
import type { AlertMailSettings } from '../alert-deps.ts';
import { plainTextOf, subjectOf, type AlertMessage } from './alert-message.ts';
import { slackPayload } from './slack.ts';
import { ALERT_DELIVERY_HEADER, ALERT_EVENT_HEADER, ALERT_SIGNATURE_HEADER, signAlertBody, webhookBody } from './signed-webhook.ts';

/** A send that did not go through, and whether trying again later may help. */
export class AlertSendError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'AlertSendError';
  }
}

export const HTTP_TIMEOUT_MS = 10_000;

/** POSTs JSON with a timeout: 2xx is done; 408, 429, 5xx and network trouble are worth a retry; other 4xx are not. */
const postJson = async (url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<void> => {
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', 'user-agent': 'Lookout-Alerts/1', ...headers }, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
  } catch (err) {
    const e = err as Error;
    throw new AlertSendError(e.name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : `unreachable: ${(e.cause as Error | undefined)?.message ?? e.message}`, true);
  }
  if (res.ok) {
    await res.body?.cancel();
    return;
  }
  const said = (await res.text().catch(() => '')).slice(0, 200);
  const retryable = res.status === 408 || res.status === 429 || res.status >= 500;
  throw new AlertSendError(`HTTP ${res.status}${said ? `: ${said}` : ''}`, retryable);
};

export const sendSlack = (url: string, m: AlertMessage, timeoutMs = HTTP_TIMEOUT_MS): Promise<void> => postJson(url, JSON.stringify(slackPayload(m)), {}, timeoutMs);

export const sendSignedWebhook = (url: string, secret: string, m: AlertMessage, now: Date, timeoutMs = HTTP_TIMEOUT_MS): Promise<void> => {
  const body = JSON.stringify(webhookBody(m, now));
  return postJson(url, body, { [ALERT_EVENT_HEADER]: 'incident.alert', [ALERT_DELIVERY_HEADER]: m.deliveryId, [ALERT_SIGNATURE_HEADER]: signAlertBody(secret, Math.floor(now.getTime() / 1000), body) }, timeoutMs);
};

/** Over the install's SMTP relay (SMTP_URL). 4xx answers and network trouble are retried; 5xx are final. */
export const sendEmail = async (mail: AlertMailSettings, to: string, m: AlertMessage): Promise<void> => {
  if (!mail.smtpUrl) throw new AlertSendError('email alerts need SMTP_URL to be set', false);
  const transport = nodemailer.createTransport(mail.smtpUrl, { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 } as never);
  try {
    await transport.sendMail({ from: mail.from, to, subject: subjectOf(m), text: plainTextOf(m), headers: { 'X-Lookout-Delivery': m.deliveryId } });
  } catch (err) {
    const e = err as Error & { responseCode?: number; response?: string };
    const code = e.responseCode;
    throw new AlertSendError(`SMTP: ${(e.response ?? e.message).slice(0, 200)}`, code === undefined || code < 500);
  } finally {
    transport.close();
  }
};
