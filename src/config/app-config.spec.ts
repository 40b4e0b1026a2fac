import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('gives working defaults for a local start: embedded database in ./data on port 3000', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ url: undefined, dataDir: './data', poolSize: 1 });
    expect(config.isProduction).toBe(false);
    expect(config.auth.cookieSecure).toBe(false);
    expect(config.http.corsOrigins).toEqual([]);
  });

  it('uses DATABASE_URL with its own pool size, and secure cookies in production', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://u:p@db:5432/cchc',
      DB_POOL_SIZE: '20',
      CORS_ORIGINS: 'https://a.vn, https://b.vn',
    });
    expect(config.database.url).toBe('postgres://u:p@db:5432/cchc');
    expect(config.database.poolSize).toBe(20);
    expect(config.auth.cookieSecure).toBe(true);
    expect(config.log.pretty).toBe(false);
    expect(config.http.corsOrigins).toEqual(['https://a.vn', 'https://b.vn']);
  });

  it('names every bad variable at once', () => {
    let caught: unknown;
    try {
      loadConfig({
        PORT: 'abc',
        NODE_ENV: 'staging',
        TRUST_PROXY: 'maybe',
        DATABASE_URL: 'mysql://x',
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems.join('\n');
    expect(problems).toMatch(/^PORT="abc"/m);
    expect(problems).toMatch(/^NODE_ENV="staging"/m);
    expect(problems).toMatch(/^TRUST_PROXY="maybe"/m);
    expect(problems).toMatch(/^DATABASE_URL=\*\*\*/m); // never echo a URL that may hold a password
  });

  it('requires ADMIN_USERNAME and ADMIN_PASSWORD together, with a long enough password', () => {
    expect(() => loadConfig({ ADMIN_USERNAME: 'quantri' })).toThrow(/must be set together/);
    expect(() => loadConfig({ ADMIN_USERNAME: 'quantri', ADMIN_PASSWORD: 'short' })).toThrow(
      /ADMIN_PASSWORD/,
    );
    expect(
      loadConfig({ ADMIN_USERNAME: 'quantri', ADMIN_PASSWORD: 'du-dai-roi-1' }).auth.bootstrapAdmin,
    ).toEqual({
      username: 'quantri',
      password: 'du-dai-roi-1',
    });
  });

  it('treats empty values as unset, as in a copied .env.example', () => {
    expect(() =>
      loadConfig({ DATABASE_URL: '', ADMIN_USERNAME: '', ADMIN_PASSWORD: '', LOG_PRETTY: '' }),
    ).not.toThrow();
  });

  it('is documented: .env.example and the README list every variable', () => {
    const root = join(__dirname, '..', '..');
    const example = readFileSync(join(root, '.env.example'), 'utf8');
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    for (const name of CONFIG_VARIABLES) {
      expect(example).toMatch(new RegExp(`^${name}=`, 'm'));
      expect(readme).toContain(`\`${name}\``);
    }
  });
});
