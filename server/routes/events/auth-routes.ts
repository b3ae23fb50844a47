import { Hono } from 'hono';
import { z } from 'zod';
import { ROLES, type Role } from '../../../layers';
import { ApiError } from '../../errors';
import { verifyPassword } from '../../events/auth/passwords';
import { issueToken, TOKEN_TTL_SECONDS } from '../../events/auth/tokens';
import type { EventStore } from '../../events/store/event-store';
import { requirePrincipal } from './auth-guard';
import { parseBody, readJson } from './event-params';

const LoginBody = z
  .object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) })
  .strict();

/** `POST /api/auth/login` (username + password → signed token) and `GET /api/auth/me`. */
export function createAuthRoutes(store: EventStore, secret: () => Promise<string>): Hono {
  const auth = new Hono();
  auth.post('/login', async (c) => {
    const body = parseBody(LoginBody, await readJson(c.req.raw));
    const user = await store.getUser(body.username);
    // Hash even for unknown users so timing does not reveal which names exist.
    const ok = await verifyPassword(
      body.password,
      user?.passwordHash ?? 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAA',
    );
    if (!user || !ok) throw new ApiError('unauthorized', 'wrong username or password');
    if (!ROLES.includes(user.role as Role))
      throw new ApiError('forbidden', `user has unknown role "${user.role}"`);
    const principal = { username: user.username, role: user.role as Role, displayName: user.displayName };
    const now = Math.floor(Date.now() / 1000);
    const token = await issueToken(principal, await secret(), now);
    return c.json({
      token,
      expiresAt: new Date((now + TOKEN_TTL_SECONDS) * 1000).toISOString(),
      user: principal,
    });
  });
  auth.get('/me', async (c) => c.json({ user: await requirePrincipal(c, await secret()) }));
  return auth;
}
