import { sign, verify } from 'hono/jwt';
import { ROLES, type Role } from '../../../layers';

/** Lifetime of a sign-in token. */
export const TOKEN_TTL_SECONDS = 12 * 3600;

/** Who a valid token says the caller is. */
export interface Principal {
  username: string;
  role: Role;
  displayName: string;
}

/** Signs a token (HS256 JWT) naming the user and role, expiring after `ttlSeconds`. */
export async function issueToken(
  p: Principal,
  secret: string,
  nowSeconds: number,
  ttlSeconds = TOKEN_TTL_SECONDS,
): Promise<string> {
  return sign(
    { sub: p.username, role: p.role, name: p.displayName, iat: nowSeconds, exp: nowSeconds + ttlSeconds },
    secret,
    'HS256',
  );
}

/** Verifies a token's signature and expiry; returns the principal, or a reason it is refused. */
export async function readToken(token: string, secret: string): Promise<Principal | { refused: string }> {
  try {
    const payload = await verify(token, secret, 'HS256');
    const role = payload.role as Role;
    if (typeof payload.sub !== 'string' || !ROLES.includes(role))
      return { refused: 'token has no valid user or role' };
    return { username: payload.sub, role, displayName: String(payload.name ?? payload.sub) };
  } catch (err) {
    const name = (err as Error).name;
    return {
      refused:
        name === 'JwtTokenExpired'
          ? 'token expired; sign in again'
          : 'token invalid (bad signature or format)',
    };
  }
}
