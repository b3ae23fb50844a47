import { ROLE_LABELS, ROLES, type Role } from '../../../layers';
import type { EventStore } from '../store/event-store';
import { hashPassword } from './passwords';

/** The demo password of every demo user unless `TWIN_DEMO_PASSWORD` sets another. Demo only. */
export const DEFAULT_DEMO_PASSWORD = 'twin-demo-2013';

/** The demo users: one per role, named after the role. */
export const DEMO_USERS: { username: string; role: Role; displayName: string }[] = ROLES.map((role) => ({
  username: role,
  role,
  displayName: `${ROLE_LABELS[role]['zh-CN']} · ${ROLE_LABELS[role].en}`,
}));

const hashes = new Map<string, Promise<string>>();

/** Creates the demo users that are missing; returns the names created. One hash per process and password. */
export async function ensureDemoUsers(store: EventStore, password = demoPassword()): Promise<string[]> {
  const created: string[] = [];
  for (const u of DEMO_USERS) {
    if (await store.getUser(u.username)) continue;
    if (!hashes.has(password)) hashes.set(password, hashPassword(password));
    const passwordHash = await (hashes.get(password) as Promise<string>);
    if (await store.addUser({ ...u, passwordHash })) created.push(u.username);
  }
  return created;
}

/** The demo password in force (`TWIN_DEMO_PASSWORD` or the default). */
export function demoPassword(): string {
  return process.env.TWIN_DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD;
}

/** The sign-in hint printed by `npm start` and `npm run users -- init`. */
export function signInHint(password = demoPassword()): string {
  return [
    '  Sign in (incident loop · 事件处置) as one of the demo users:',
    `    ${ROLES.join(' | ')}  with password "${password}"`,
    '    e.g. curl -X POST -H "content-type: application/json" \\',
    `         -d '{"username":"dispatcher","password":"${password}"}' <url>/api/auth/login`,
  ].join('\n');
}
