/**
 * `npm run users -- init`: opens the event store (`TWIN_EVENTS_DB` or out/events/events.duckdb), creates the demo
 * users that are missing (one per role; password `TWIN_DEMO_PASSWORD` or the demo default) and prints how to sign
 * in. `npm run users -- add <name> <role> <password>` adds a user. Run it while no server holds the DuckDB file.
 */
import { resolve } from 'node:path';
import { ROLES, type Role } from '../../layers';
import { DEMO_USERS, ensureDemoUsers, signInHint } from './auth/demo-users';
import { hashPassword } from './auth/passwords';
import { eventsOptionsFromEnv } from './events-config';
import { openEventStore } from './store/event-store';

const root = resolve(import.meta.dirname, '..', '..');
const [cmd = 'init', ...args] = process.argv.slice(2);
const { db } = eventsOptionsFromEnv(root);
const store = await openEventStore(db as string);
try {
  if (cmd === 'init') {
    const created = await ensureDemoUsers(store);
    console.log(`event store: ${store.engine.location}`);
    console.log(
      created.length > 0
        ? `created demo users: ${created.join(', ')}`
        : `demo users already present: ${DEMO_USERS.map((u) => u.username).join(', ')}`,
    );
    console.log(signInHint());
  } else if (cmd === 'add') {
    const [name, role, password] = args;
    if (!name || !role || !password || !ROLES.includes(role as Role)) {
      console.error(`usage: npm run users -- add <name> <${ROLES.join('|')}> <password>`);
      process.exitCode = 2;
    } else {
      const added = await store.addUser({
        username: name,
        role,
        displayName: name,
        passwordHash: await hashPassword(password),
      });
      console.log(added ? `added ${name} (${role})` : `user ${name} already exists`);
    }
  } else {
    console.error('usage: npm run users -- init | add <name> <role> <password>');
    process.exitCode = 2;
  }
} finally {
  await store.close();
}
