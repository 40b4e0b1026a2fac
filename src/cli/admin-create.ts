import { generateOneTimePassword, MIN_PASSWORD_LENGTH } from '../auth/passwords';
import { createApp } from '../bootstrap';
import { AccountsRepository } from '../accounts/accounts.repository';
import { AccountsService } from '../accounts/accounts.service';
import { cliConfig, parseArgs } from './cli-support';

/**
 * `npm run admin:create -- --username <name> [--password <password>]` creates an admin account.
 * Without --password a random one is generated and printed once. With the embedded database,
 * stop the server first (its data folder is locked while it runs).
 */
async function main(): Promise<void> {
  const { flags } = parseArgs(process.argv.slice(2));
  const username = typeof flags.username === 'string' ? flags.username.trim().toLowerCase() : '';
  if (!/^[a-z0-9._-]{3,50}$/.test(username)) {
    process.stderr.write(
      'Usage: npm run admin:create -- --username <name> [--password <password>]\n',
    );
    process.stderr.write(
      'The username must be 3–50 characters: a-z, 0-9, dot, underscore, dash.\n',
    );
    process.exit(2);
  }
  const generated = typeof flags.password !== 'string';
  const password = generated ? generateOneTimePassword(16) : (flags.password as string);
  if (password.length < MIN_PASSWORD_LENGTH) {
    process.stderr.write(`The password must have at least ${MIN_PASSWORD_LENGTH} characters.\n`);
    process.exit(2);
  }
  // Production mode: the app creates no default account of its own while we run.
  const config = cliConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'error',
    SERVE_CLIENT: 'false',
    SEED_SAMPLE_DATA: 'false',
  });
  const running = await createApp(config);
  try {
    const accounts = running.app.get(AccountsService);
    if (await running.app.get(AccountsRepository).findByUsername(username)) {
      process.stderr.write(`An account named "${username}" already exists.\n`);
      process.exitCode = 1;
      return;
    }
    await accounts.create(
      { actor: null, ip: null },
      {
        username,
        displayName: 'Quản trị viên',
        role: 'admin',
        password,
        mustChangePassword: generated,
      },
    );
    process.stdout.write(`Created admin account "${username}".\n`);
    if (generated)
      process.stdout.write(
        `One-time password (shown once, to be changed at first sign-in): ${password}\n`,
      );
  } finally {
    await running.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
