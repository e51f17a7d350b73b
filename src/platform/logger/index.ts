import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Message bodies and personal data are never logged at info level;
 * redaction catches the usual places secrets travel in case someone forgets.
 */
export const createLogger = (level: string, pretty = false): Logger =>
  pino({
    level,
    base: { service: 'lookout' },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', '*.password', '*.secret', '*.token'],
      censor: '[redacted]',
    },
    ...(pretty ? { transport: undefined } : {}),
  });

export const silentLogger = (): Logger => pino({ level: 'silent' });
