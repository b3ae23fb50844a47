import type { Context } from 'hono';
import { ApiError } from '../../errors';
import { type Principal, readToken } from '../../events/auth/tokens';

/** Reads and verifies the `Authorization: Bearer <token>` header; 401 with the reason when missing or invalid. */
export async function requirePrincipal(c: Context, secret: string): Promise<Principal> {
  const header = c.req.header('authorization');
  if (!header)
    throw new ApiError(
      'unauthorized',
      'sign in first: POST /api/auth/login, then send Authorization: Bearer <token>',
    );
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (!m) throw new ApiError('unauthorized', 'Authorization header must be "Bearer <token>"');
  const p = await readToken(m[1]!, secret);
  if ('refused' in p) throw new ApiError('unauthorized', p.refused);
  return p;
}
