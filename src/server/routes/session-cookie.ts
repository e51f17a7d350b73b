import type { FastifyReply } from 'fastify';
import type { AppContext } from '../context.ts';
import { SESSION_COOKIE } from '../auth.ts';

export const setSessionCookie = (reply: FastifyReply, ctx: AppContext, token: string, expiresAt: Date): void => {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.config.publicUrl.startsWith('https:'),
    path: '/',
    expires: expiresAt,
  });
};

export const clearSessionCookie = (reply: FastifyReply): void => {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
};
