import { Logger } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { AppConfig, ConfigError, loadConfig } from '../config/app-config';

/** Reads .env and the environment like the server does; exits with the list of bad variables. */
export function cliConfig(overrides: Record<string, string> = {}): AppConfig {
  // Start-up chatter would mix with the command's own output (and break --json): errors only.
  Logger.overrideLogger(['error']);
  if (existsSync('.env')) process.loadEnvFile('.env');
  try {
    return loadConfig({ ...process.env, ...overrides });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** `--name value` and `--flag` arguments. */
export function parseArgs(argv: string[]): {
  positional: string[];
  flags: Partial<Record<string, string | true>>;
} {
  const positional: string[] = [];
  const flags: Partial<Record<string, string | true>> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      if (eq > 0) flags[arg.slice(2, eq)] = arg.slice(eq + 1);
      else if (i + 1 < argv.length && !argv[i + 1].startsWith('--'))
        flags[arg.slice(2)] = argv[++i];
      else flags[arg.slice(2)] = true;
    } else positional.push(arg);
  }
  return { positional, flags };
}
