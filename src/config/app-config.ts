import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

const toBoolean = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  return value;
};
const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value;

/**
 * Every environment variable the service reads. `.env.example` lists the same set; README's
 * configuration table documents them.
 */
export class EnvironmentVariables {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  @IsOptional()
  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  DATABASE_URL?: string;

  @IsString()
  DATA_DIR = './data';

  /**
   * Redis for running several instances: socket.io rooms across processes (Redis Streams
   * adapter, with connection state recovery) and shared rate-limit counters. Empty: one process,
   * everything in memory.
   */
  @IsOptional()
  @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false, require_protocol: true })
  REDIS_URL?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DB_POOL_SIZE = 10;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @Transform(toBoolean)
  @IsOptional()
  @IsBoolean()
  LOG_PRETTY?: boolean;

  /** Comma-separated list of allowed origins; empty means cross-origin requests are refused. */
  @IsString()
  CORS_ORIGINS = '';

  @Transform(toBoolean)
  @IsBoolean()
  TRUST_PROXY = false;

  @Transform(toBoolean)
  @IsOptional()
  @IsBoolean()
  COOKIE_SECURE?: boolean;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(720)
  SESSION_TTL_HOURS = 12;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  LOGIN_MAX_FAILURES = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1440)
  LOGIN_LOCK_MINUTES = 15;

  /** Sign-in and password-change attempts per client address per minute. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  LOGIN_RATE_LIMIT = 10;

  /** Requests per client address per minute on the whole API. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(1000000)
  API_RATE_LIMIT = 3000;

  /**
   * Live final: joins per second per client address (per process), after a burst of 12
   * seconds' worth. A hall of phones behind one Wi-Fi shares one public address.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  LIVE_JOIN_RATE_LIMIT = 5;

  @IsOptional()
  @IsString()
  @MinLength(3)
  ADMIN_USERNAME?: string;

  @IsOptional()
  @IsString()
  @MinLength(10)
  ADMIN_PASSWORD?: string;

  @IsOptional()
  @IsString()
  @MinLength(16)
  METRICS_TOKEN?: string;

  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  PUBLIC_URL?: string;

  @IsString()
  BODY_LIMIT = '1mb';

  /** Serve the built client from client/dist (off in API-only deployments). */
  @Transform(toBoolean)
  @IsBoolean()
  SERVE_CLIENT = true;

  /** Load the sample question bank and contest into an empty database at start-up. */
  @Transform(toBoolean)
  @IsBoolean()
  SEED_SAMPLE_DATA = true;
}

/** The names of every variable above, in the order the README's table lists them. */
export const CONFIG_VARIABLES = [
  'NODE_ENV',
  'PORT',
  'HOST',
  'DATABASE_URL',
  'DATA_DIR',
  'DB_POOL_SIZE',
  'REDIS_URL',
  'LOG_LEVEL',
  'LOG_PRETTY',
  'CORS_ORIGINS',
  'TRUST_PROXY',
  'COOKIE_SECURE',
  'SESSION_TTL_HOURS',
  'LOGIN_MAX_FAILURES',
  'LOGIN_LOCK_MINUTES',
  'LOGIN_RATE_LIMIT',
  'API_RATE_LIMIT',
  'LIVE_JOIN_RATE_LIMIT',
  'ADMIN_USERNAME',
  'ADMIN_PASSWORD',
  'METRICS_TOKEN',
  'PUBLIC_URL',
  'BODY_LIMIT',
  'SERVE_CLIENT',
  'SEED_SAMPLE_DATA',
] as const satisfies readonly (keyof EnvironmentVariables)[];

export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  isProduction: boolean;
  port: number;
  host: string;
  database: {
    /** Undefined means: start the embedded database in `dataDir`. */
    url?: string;
    dataDir: string;
    poolSize: number;
  };
  /** Null: a single process with in-memory socket rooms and rate-limit counters. */
  redis: { url: string | null };
  log: { level: string; pretty: boolean };
  http: {
    corsOrigins: string[];
    trustProxy: boolean;
    bodyLimit: string;
    rateLimitPerMinute: number;
    /** Live joins per second per address (token bucket of 12 seconds' worth). */
    liveJoinsPerSecond: number;
    publicUrl?: string;
    serveClient: boolean;
  };
  auth: {
    cookieSecure: boolean;
    sessionTtlHours: number;
    loginMaxFailures: number;
    loginLockMinutes: number;
    loginRateLimit: number;
    bootstrapAdmin?: { username: string; password: string };
  };
  metricsToken?: string;
  seedSampleData: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates raw environment variables and returns the typed configuration, or throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const picked: Record<string, string> = {};
  for (const key of CONFIG_VARIABLES) {
    const value = env[key];
    // An empty value (as in a copied .env.example) means "use the default".
    if (value !== undefined && value.trim() !== '') picked[key] = value;
  }
  const vars = plainToInstance(EnvironmentVariables, picked);
  const errors = validateSync(vars, { skipMissingProperties: false });
  const problems = errors.map((e) => {
    const value = picked[e.property];
    const shown = /PASSWORD|TOKEN|DATABASE_URL|REDIS_URL/.test(e.property)
      ? '***'
      : JSON.stringify(value);
    return `${e.property}=${shown}: ${Object.values(e.constraints ?? {}).join('; ')}`;
  });
  if ((vars.ADMIN_USERNAME === undefined) !== (vars.ADMIN_PASSWORD === undefined)) {
    problems.push('ADMIN_USERNAME and ADMIN_PASSWORD must be set together');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const isProduction = vars.NODE_ENV === 'production';
  return {
    nodeEnv: vars.NODE_ENV,
    isProduction,
    port: vars.PORT,
    host: vars.HOST,
    database: {
      url: vars.DATABASE_URL,
      dataDir: vars.DATA_DIR,
      // The embedded server has one PGlite session under all its connections, and pglite-socket
      // can interleave the protocol messages of two connections (a statement of one replaces the
      // unnamed statement of the other). One connection keeps every statement whole; PGlite runs
      // one statement at a time anyway. test/e2e/embedded-concurrency.e2e.test.ts guards this.
      poolSize: vars.DATABASE_URL ? vars.DB_POOL_SIZE : 1,
    },
    redis: { url: vars.REDIS_URL ?? null },
    log: { level: vars.LOG_LEVEL, pretty: vars.LOG_PRETTY ?? vars.NODE_ENV === 'development' },
    http: {
      corsOrigins: vars.CORS_ORIGINS.split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      trustProxy: vars.TRUST_PROXY,
      bodyLimit: vars.BODY_LIMIT,
      rateLimitPerMinute: vars.API_RATE_LIMIT,
      liveJoinsPerSecond: vars.LIVE_JOIN_RATE_LIMIT,
      publicUrl: vars.PUBLIC_URL,
      serveClient: vars.SERVE_CLIENT,
    },
    auth: {
      cookieSecure: vars.COOKIE_SECURE ?? isProduction,
      sessionTtlHours: vars.SESSION_TTL_HOURS,
      loginMaxFailures: vars.LOGIN_MAX_FAILURES,
      loginLockMinutes: vars.LOGIN_LOCK_MINUTES,
      loginRateLimit: vars.LOGIN_RATE_LIMIT,
      bootstrapAdmin:
        vars.ADMIN_USERNAME && vars.ADMIN_PASSWORD
          ? { username: vars.ADMIN_USERNAME, password: vars.ADMIN_PASSWORD }
          : undefined,
    },
    metricsToken: vars.METRICS_TOKEN,
    seedSampleData: vars.SEED_SAMPLE_DATA,
  };
}
