import { DEMO_USERS, seedDemoUsers } from './demo-users';
import { localApiUrl } from './local-api-client';

/** `npm run seed`: demo users with cash, holdings and history, on the local API (`API` overrides its URL). */
const apiUrl = localApiUrl();
try {
  const calls = await seedDemoUsers(apiUrl);
  for (const call of calls) {
    console.log(
      `${call.userId.padEnd(8)} ${call.call.padEnd(32)} ${call.status}${call.replayed ? ' (replayed)' : ''}`,
    );
  }
  const users = Object.keys(DEMO_USERS);
  console.log(
    `\nSeeded ${users.join(', ')}. Seeding again replays the same answers. See one: npm run inspect -- ${users[0]}`,
  );
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
