#!/usr/bin/env node
/**
 * Validates docker-compose.yml without a Docker engine (CI has none).
 *
 *   node scripts/check-compose.mjs [compose-file]   check (default: docker-compose.yml at the repo root)
 *   node scripts/check-compose.mjs --self-test      prove the checker rejects broken files
 *
 * 1. YAML syntax (duplicate keys are errors, as in Compose), with `<<` merge keys.
 * 2. Variable interpolation as Compose does it: `$$` escapes, `${VAR:-default}`, `${VAR-default}`,
 *    `${VAR:?message}`, `${VAR?message}`, `${VAR:+alt}`, nested defaults. Every `${VAR}` must have a
 *    default or be required with a message; one variable must not have two different defaults.
 * 3. The Compose Specification JSON schema vendored in scripts/compose/ (no network), applied to
 *    the interpolated file as Compose does, with Compose's custom formats.
 * 4. What the schema cannot see: no obsolete `version:` key; depends_on / links / extends /
 *    network_mode / volumes_from name existing services; named volumes, networks, secrets and
 *    configs are declared; every service has an image or a build; `db` and `app` have a
 *    healthcheck; `service_healthy` targets a service that has one; each build's Dockerfile exists
 *    and its final stage runs as a non-root USER with a HEALTHCHECK; the build context has a
 *    .dockerignore that excludes node_modules.
 * 5. Files and profiles: every file mounted from the repository (bind mounts, env_file, configs,
 *    secrets given by a relative path) exists; in the default set of services and in each profile,
 *    no enabled service depends on one the set leaves out.
 * 6. The `scale` profile (SCALE below, docs/deployment.md): redis, app-1, app-2 and nginx, with
 *    healthchecks; `docker compose --profile scale up -d nginx` starts all of them and not `app`;
 *    the instances run `app`'s image with its DATABASE_URL, a REDIS_URL and TRUST_PROXY=true, and
 *    start one after another (each runs the migrations and first-start seeding at boot); Redis
 *    keeps an append-only file on a volume.
 * 7. An nginx configuration mounted from the repository, structurally (nginx is not run: `nginx
 *    -t` resolves the upstream names, which exist only inside the compose network, and CI has no
 *    nginx): balanced braces and terminated directives; upstream servers are services nginx
 *    depends on, on the port they listen on; probe requests (a player's websocket, long-polling
 *    and its upgrade, the API, the web client, both imports, /metrics) are matched to their
 *    location as nginx would, then checked: proxied to an upstream listing every instance,
 *    Host/X-Forwarded-For/X-Forwarded-Proto sent (with nginx's all-or-nothing inheritance of
 *    proxy_set_header), websocket Upgrade/Connection and HTTP/1.1 and a read timeout above
 *    socket.io's heartbeat, ip_hash affinity for long-polling and none for HTTP, a body size limit
 *    at least the app's (read from its sources), gzip on, /metrics not proxied.
 *
 * Prints "<file>: valid", or one line per problem and exits 1. Exit 2: the checker itself failed.
 */
import { spawnSync } from 'node:child_process';
import console from 'node:console';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath, URLSearchParams } from 'node:url';
import YAML from 'yaml';

const require = createRequire(import.meta.url);
const SCRIPT = fileURLToPath(import.meta.url);
const REPO_ROOT = path.resolve(path.dirname(SCRIPT), '..');
const SCHEMA_PATH = path.join(REPO_ROOT, 'scripts', 'compose', 'compose-spec.schema.json');
const DEFAULT_COMPOSE = path.join(REPO_ROOT, 'docker-compose.yml');

/** Services that must define a healthcheck in the compose file. */
const REQUIRED_HEALTHCHECKS = ['db', 'app'];

/**
 * The scaled topology of issue #7, profile `scale` (docs/deployment.md): Redis, two app instances
 * like `app`, nginx in front. `docker compose --profile scale up -d nginx` must start all of it
 * (with the profile-less `db`) and never the single-instance `app`.
 */
const SCALE = {
  profile: 'scale',
  entry: 'nginx',
  services: ['redis', 'app-1', 'app-2', 'nginx'],
  healthchecks: ['redis', 'app-1', 'app-2', 'nginx'],
  apps: ['app-1', 'app-2'],
  like: 'app',
  redis: 'redis',
  proxy: 'nginx',
};

// ------------------------------------------------------------------------------------------------
// Interpolation

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*/;
const OPERATORS = [':-', ':?', ':+', '-', '?', '+'];

/**
 * Interpolates one string the way Compose does, using each variable's default (required
 * variables get a placeholder, unset ones become empty). Returns the value, the references found
 * and syntax errors.
 */
export function interpolate(input) {
  const refs = [];
  const errors = [];
  let out = '';
  let i = 0;
  while (i < input.length) {
    const ch = input[i];
    if (ch !== '$') {
      out += ch;
      i += 1;
      continue;
    }
    const next = input[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (next === '{') {
      // find the matching brace, allowing nested ${...} in defaults
      let depth = 1;
      let j = i + 2;
      while (j < input.length && depth > 0) {
        if (input[j] === '$' && input[j + 1] === '$') {
          j += 2;
          continue;
        }
        if (input[j] === '$' && input[j + 1] === '{') {
          depth += 1;
          j += 2;
          continue;
        }
        if (input[j] === '}') depth -= 1;
        j += 1;
      }
      if (depth > 0) {
        errors.push(`unclosed "\${" in ${JSON.stringify(input)}`);
        out += input.slice(i);
        break;
      }
      const body = input.slice(i + 2, j - 1);
      const nameMatch = NAME_RE.exec(body);
      if (!nameMatch) {
        errors.push(`invalid variable "\${${body}}" in ${JSON.stringify(input)}`);
        i = j;
        continue;
      }
      const name = nameMatch[0];
      const rest = body.slice(name.length);
      const op = OPERATORS.find((o) => rest.startsWith(o)) ?? null;
      if (rest !== '' && op === null) {
        errors.push(`invalid variable "\${${body}}" in ${JSON.stringify(input)}`);
        i = j;
        continue;
      }
      const argRaw = op === null ? null : rest.slice(op.length);
      let arg = argRaw;
      if (argRaw !== null && (op === ':-' || op === '-' || op === ':+' || op === '+')) {
        const inner = interpolate(argRaw);
        refs.push(...inner.refs);
        errors.push(...inner.errors);
        arg = inner.value;
      }
      refs.push({ name, op, arg: argRaw });
      if (op === ':-' || op === '-') out += arg;
      else if (op === ':?' || op === '?') out += `required-${name}`;
      // ':+' / '+' / none: the unset case is an empty string
      i = j;
      continue;
    }
    const bare = NAME_RE.exec(input.slice(i + 1));
    if (bare) {
      refs.push({ name: bare[0], op: null, arg: null, bare: true });
      i += 1 + bare[0].length;
      continue;
    }
    errors.push(`lone "$" in ${JSON.stringify(input)}: write "$$" for a literal dollar sign`);
    out += '$';
    i += 1;
  }
  return { value: out, refs, errors };
}

/** Interpolates every string value of a parsed document (keys are left alone, as in Compose). */
function interpolateTree(node, at, sink) {
  if (typeof node === 'string') {
    const r = interpolate(node);
    for (const ref of r.refs) sink.refs.push({ ...ref, at });
    for (const e of r.errors) sink.errors.push(`${at}: ${e}`);
    return r.value;
  }
  if (Array.isArray(node)) return node.map((v, k) => interpolateTree(v, `${at}[${k}]`, sink));
  if (node && typeof node === 'object') {
    const copy = {};
    for (const [k, v] of Object.entries(node))
      copy[k] = interpolateTree(v, at ? `${at}.${k}` : k, sink);
    return copy;
  }
  return node;
}

function checkVariables(refs, problems) {
  const defaults = new Map();
  for (const ref of refs) {
    const shown = ref.bare ? `$${ref.name}` : `\${${ref.name}${ref.op ?? ''}${ref.arg ?? ''}}`;
    if (ref.op === null) {
      problems.push(
        `${ref.at}: ${shown} has no default: use \${${ref.name}:-default} or \${${ref.name}:?message}`,
      );
    } else if ((ref.op === ':?' || ref.op === '?') && ref.arg.trim() === '') {
      problems.push(`${ref.at}: ${shown} is required but gives no message saying what to set`);
    } else if (ref.op === ':-' || ref.op === '-') {
      const seen = defaults.get(ref.name);
      if (seen && seen.arg !== ref.arg) {
        problems.push(
          `${ref.at}: \${${ref.name}} defaults to ${JSON.stringify(ref.arg)} here but to ` +
            `${JSON.stringify(seen.arg)} at ${seen.at}`,
        );
      } else if (!seen) defaults.set(ref.name, ref);
    }
  }
}

// ------------------------------------------------------------------------------------------------
// Schema

const DURATION_RE = /^[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))+$|^0$/;
const PORT_RANGE_RE = /^\d{1,5}(-\d{1,5})?(\/(tcp|udp|sctp))?$/;
/** Formats Compose registers itself (compose-go), not JSON Schema's. */
const COMPOSE_FORMATS = {
  duration: (s) => DURATION_RE.test(s),
  expose: (s) => PORT_RANGE_RE.test(s),
  // [ip:][host[-range]:]container[-range][/proto]; IPv6 hosts in brackets
  ports: (s) =>
    /^(((\[[0-9a-fA-F:.]+\]|[0-9.]+):)?(\d{1,5}(-\d{1,5})?)?:)?\d{1,5}(-\d{1,5})?(\/(tcp|udp|sctp))?$/.test(
      s,
    ),
};

let cachedValidator = null;
/** Notes printed with the result (things the checker could not verify). */
const notes = [];

function loadValidator() {
  if (cachedValidator) return cachedValidator;
  const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8'));
  const dialect = String(schema.$schema ?? '');
  let AjvClass;
  if (dialect.includes('2020-12')) AjvClass = require('ajv/dist/2020').default;
  else if (dialect.includes('2019-09')) AjvClass = require('ajv/dist/2019').default;
  else AjvClass = require('ajv').default; // draft-07 (the current upstream schema) and older
  const ajv = new AjvClass({
    allErrors: true,
    strict: true,
    allowUnionTypes: true,
    strictTypes: false,
  });
  // Older revisions of the compose schema carry draft-04 style `id` annotations, which Ajv 8
  // rejects by default; treat them as plain annotations.
  ajv.removeKeyword('id');
  ajv.addKeyword({ keyword: 'id', schemaType: 'string' });

  const used = new Set();
  (function walk(node, parentKey) {
    if (Array.isArray(node)) return node.forEach((n) => walk(n, null));
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      // a property *named* "format" lives under "properties"; only schema keywords count
      if (k === 'format' && typeof v === 'string' && parentKey !== 'properties') used.add(v);
      walk(v, k);
    }
  })(schema, null);
  const addFormats = require('ajv-formats').default;
  const standard = [];
  for (const name of used) {
    if (COMPOSE_FORMATS[name])
      ajv.addFormat(name, { type: 'string', validate: COMPOSE_FORMATS[name] });
    else standard.push(name);
  }
  const known = new Set(Object.keys(require('ajv-formats/dist/formats').fullFormats));
  const fromPlugin = standard.filter((n) => known.has(n));
  if (fromPlugin.length) addFormats(ajv, fromPlugin);
  for (const name of standard.filter((n) => !known.has(n))) {
    ajv.addFormat(name, true);
    notes.push(`note: schema format "${name}" is not checked`);
  }
  cachedValidator = ajv.compile(schema);
  return cachedValidator;
}

function displayPath(instancePath) {
  if (!instancePath) return '(top level)';
  return instancePath
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}

/** Ajv reports every branch of a oneOf; keep the errors that explain the problem. */
function readableSchemaErrors(errors) {
  let list = errors.filter((e) => !['oneOf', 'anyOf', 'if', 'then', 'else'].includes(e.keyword));
  if (list.length === 0) list = errors;
  const deeper = (e) =>
    list.some((o) => o !== e && o.instancePath.startsWith(`${e.instancePath}/`));
  const sibling = (e) =>
    list.some((o) => o !== e && o.instancePath === e.instancePath && o.keyword !== 'type');
  const kept = list.filter((e) => !(e.keyword === 'type' && (deeper(e) || sibling(e))));
  const lines = new Set();
  for (const e of kept.length ? kept : list) {
    const where = displayPath(e.instancePath);
    if (e.keyword === 'additionalProperties') {
      lines.add(`schema: ${where}: unknown key "${e.params.additionalProperty}"`);
    } else if (e.keyword === 'enum') {
      lines.add(`schema: ${where}: ${e.message} (${e.params.allowedValues.join(', ')})`);
    } else {
      lines.add(`schema: ${where}: ${e.message}`);
    }
  }
  return [...lines];
}

// ------------------------------------------------------------------------------------------------
// Dockerfile

/** Splits a Dockerfile into instructions, grouped by stage. */
export function parseDockerfile(text) {
  const lines = text.split(/\r?\n/);
  let escape = '\\';
  // parser directives: only at the very top, before any instruction or other comment
  for (const line of lines) {
    const m = /^#\s*([a-zA-Z]+)\s*=\s*(\S+)\s*$/.exec(line);
    if (!m) break;
    if (m[1].toLowerCase() === 'escape') escape = m[2];
  }
  const instructions = [];
  let buf = '';
  for (const raw of lines) {
    const line = raw.replace(/\s+$/, '');
    if (/^\s*#/.test(line)) continue; // comments, also inside continuations
    if (buf === '' && line.trim() === '') continue;
    if (line.endsWith(escape)) {
      buf += `${line.slice(0, -escape.length)} `;
      continue;
    }
    buf += line;
    const m = /^\s*([A-Za-z]+)\s*(.*)$/.exec(buf);
    if (m) instructions.push({ keyword: m[1].toUpperCase(), args: m[2].trim() });
    buf = '';
  }
  if (buf.trim()) {
    const m = /^\s*([A-Za-z]+)\s*(.*)$/.exec(buf);
    if (m) instructions.push({ keyword: m[1].toUpperCase(), args: m[2].trim() });
  }
  const stages = [];
  for (const ins of instructions) {
    if (ins.keyword === 'FROM') {
      const words = ins.args.split(/\s+/).filter((w) => !w.startsWith('--'));
      const asAt = words.findIndex((w) => w.toLowerCase() === 'as');
      stages.push({
        base: words[0],
        name: asAt >= 0 ? words[asAt + 1]?.toLowerCase() : null,
        instructions: [],
      });
    } else if (stages.length) {
      stages[stages.length - 1].instructions.push(ins);
    }
  }
  return stages;
}

/** Effective value of the last `keyword` instruction for a stage, following `FROM <stage>`. */
function effective(stages, index, keyword) {
  const stage = stages[index];
  const own = stage.instructions.filter((i) => i.keyword === keyword).pop();
  if (own) return own.args;
  const parent = stages.findIndex(
    (s, k) => k < index && s.name && s.name === String(stage.base).toLowerCase(),
  );
  return parent >= 0 ? effective(stages, parent, keyword) : null;
}

function checkDockerfile(text, label, target, problems) {
  const stages = parseDockerfile(text);
  if (stages.length === 0) {
    problems.push(`${label}: no FROM instruction`);
    return;
  }
  let index = stages.length - 1;
  if (target) {
    index = stages.findIndex((s) => s.name === String(target).toLowerCase());
    if (index < 0) {
      problems.push(`${label}: build target "${target}" is not a stage of the Dockerfile`);
      return;
    }
  }
  const stageName = stages[index].name ? `stage "${stages[index].name}"` : 'final stage';
  const user = effective(stages, index, 'USER');
  if (user === null) {
    problems.push(`${label}: ${stageName} has no USER instruction, so it runs as root`);
  } else {
    const who = user.split(':')[0].trim();
    if (who === 'root' || who === '0')
      problems.push(`${label}: ${stageName} runs as root (USER ${user})`);
    else if (who.includes('$'))
      problems.push(`${label}: ${stageName} USER ${user} cannot be verified as non-root`);
  }
  const health = effective(stages, index, 'HEALTHCHECK');
  if (health === null) problems.push(`${label}: ${stageName} has no HEALTHCHECK`);
  else if (/^NONE\b/i.test(health))
    problems.push(`${label}: ${stageName} disables the HEALTHCHECK`);
}

// ------------------------------------------------------------------------------------------------
// Semantic checks

const asList = (v) => (Array.isArray(v) ? v : v && typeof v === 'object' ? Object.keys(v) : []);
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

function hasHealthcheck(service) {
  const h = service?.healthcheck;
  if (!isObject(h) || h.disable === true || h.disable === 'true') return false;
  const test = Array.isArray(h.test) ? h.test : typeof h.test === 'string' ? [h.test] : [];
  return test.length > 0 && test[0] !== 'NONE';
}

function checkSemantics(model, composeDir, problems) {
  if (!isObject(model)) {
    problems.push('the file is not a YAML mapping');
    return;
  }
  if ('version' in model) {
    problems.push(
      'top level: obsolete "version" key: remove it (the Compose Specification ignores it)',
    );
  }
  const services = isObject(model.services) ? model.services : {};
  const names = new Set(Object.keys(services));
  if (names.size === 0) problems.push('top level: no services defined');
  const declared = (kind) => new Set(isObject(model[kind]) ? Object.keys(model[kind]) : []);
  const volumes = declared('volumes');
  const networks = declared('networks');
  const secrets = declared('secrets');
  const configs = declared('configs');
  const usedVolumes = new Set();
  const dockerfileHealth = new Map();

  // Dockerfiles first, so that service_healthy can accept an image-level HEALTHCHECK
  for (const [name, svc] of Object.entries(services)) {
    if (!isObject(svc)) continue;
    const at = `services.${name}`;
    if (svc.image === undefined && svc.build === undefined && svc.extends === undefined) {
      problems.push(`${at}: needs "image" or "build"`);
    }
    if (svc.build === undefined) continue;
    const build =
      typeof svc.build === 'string' ? { context: svc.build } : isObject(svc.build) ? svc.build : {};
    const context = build.context ?? '.';
    if (/^[a-z]+:\/\//i.test(context) || context.startsWith('git@')) continue; // remote context
    const contextDir = path.resolve(composeDir, context);
    if (!existsSync(contextDir)) {
      problems.push(`${at}.build.context: ${context} does not exist`);
      continue;
    }
    let text;
    let label;
    if (typeof build.dockerfile_inline === 'string') {
      text = build.dockerfile_inline;
      label = `${at}.build.dockerfile_inline`;
    } else {
      const file = path.resolve(contextDir, build.dockerfile ?? 'Dockerfile');
      label = path.relative(process.cwd(), file) || file;
      if (!existsSync(file)) {
        problems.push(`${at}.build: Dockerfile ${label} does not exist`);
        continue;
      }
      text = readFileSync(file, 'utf8');
    }
    const before = problems.length;
    checkDockerfile(text, label, build.target, problems);
    dockerfileHealth.set(name, !problems.slice(before).some((p) => p.includes('HEALTHCHECK')));
    const ignore = path.join(contextDir, '.dockerignore');
    if (!existsSync(ignore)) {
      problems.push(`${at}.build: ${path.relative(process.cwd(), ignore) || ignore} is missing`);
    } else {
      const rules = readFileSync(ignore, 'utf8')
        .split(/\r?\n/)
        .map((l) => l.trim());
      if (!rules.some((r) => /^(\*\*\/)?\/?node_modules\/?$/.test(r))) {
        problems.push(`${at}.build: .dockerignore does not exclude node_modules`);
      }
    }
  }

  for (const [name, svc] of Object.entries(services)) {
    if (!isObject(svc)) continue;
    const at = `services.${name}`;
    const needService = (target, where) => {
      if (!names.has(target)) problems.push(`${at}.${where}: service "${target}" is not defined`);
    };

    const deps = svc.depends_on;
    for (const dep of asList(deps)) {
      needService(dep, 'depends_on');
      if (dep === name) problems.push(`${at}.depends_on: a service cannot depend on itself`);
      const cond = isObject(deps) && isObject(deps[dep]) ? deps[dep].condition : null;
      if (
        cond === 'service_healthy' &&
        names.has(dep) &&
        !hasHealthcheck(services[dep]) &&
        !dockerfileHealth.get(dep)
      ) {
        problems.push(
          `${at}.depends_on.${dep}: condition service_healthy but "${dep}" has no healthcheck`,
        );
      }
    }
    for (const link of Array.isArray(svc.links) ? svc.links : []) {
      needService(String(link).split(':')[0], 'links');
    }
    if (isObject(svc.extends) && svc.extends.file === undefined && svc.extends.service) {
      needService(svc.extends.service, 'extends');
    }
    for (const mode of ['network_mode', 'ipc', 'pid']) {
      const m = /^service:(.+)$/.exec(String(svc[mode] ?? ''));
      if (m) needService(m[1], mode);
    }
    for (const from of Array.isArray(svc.volumes_from) ? svc.volumes_from : []) {
      const [kind, ref] = String(from).split(':');
      if (kind === 'container') continue;
      needService(kind === 'service' ? ref : kind, 'volumes_from');
    }

    (Array.isArray(svc.volumes) ? svc.volumes : []).forEach((v, k) => {
      let source = null;
      if (typeof v === 'string') {
        const parts = v.split(':');
        if (parts.length >= 2) source = parts[0];
      } else if (isObject(v) && (v.type === 'volume' || v.type === undefined)) {
        source = v.source ?? null;
      }
      if (!source || /^[./~]/.test(source) || /^[A-Za-z]:[\\/]/.test(source)) return; // bind mount or anonymous
      usedVolumes.add(source);
      if (!volumes.has(source)) {
        problems.push(
          `${at}.volumes[${k}]: named volume "${source}" is not declared under top-level "volumes"`,
        );
      }
    });
    for (const net of asList(svc.networks)) {
      if (net !== 'default' && !networks.has(net)) {
        problems.push(
          `${at}.networks: network "${net}" is not declared under top-level "networks"`,
        );
      }
    }
    for (const [kind, set] of [
      ['secrets', secrets],
      ['configs', configs],
    ]) {
      for (const item of Array.isArray(svc[kind]) ? svc[kind] : []) {
        const ref = typeof item === 'string' ? item : item?.source;
        if (ref && !set.has(ref))
          problems.push(`${at}.${kind}: "${ref}" is not declared under top-level "${kind}"`);
      }
    }
  }

  for (const required of REQUIRED_HEALTHCHECKS) {
    if (!names.has(required))
      problems.push(`services.${required}: missing (expected in the production stack)`);
    else if (!hasHealthcheck(services[required])) {
      problems.push(`services.${required}: no healthcheck (or it is disabled)`);
    }
  }

  checkRepositoryFiles(model, composeDir, problems);
  checkProfiles(services, problems);
  checkScaleProfile(services, composeDir, problems);
  for (const [name, svc] of Object.entries(services)) {
    for (const conf of nginxConfigs(svc, composeDir)) {
      if (existsSync(conf.file)) checkNginxConfig(conf, name, services, composeDir, problems);
    }
  }
}

// ------------------------------------------------------------------------------------------------
// Files mounted from the repository

/** Relative host paths a compose file refers to (bind mounts, env files, configs, secrets). */
function checkRepositoryFiles(model, composeDir, problems) {
  const isRelative = (p) => typeof p === 'string' && /^\.{1,2}(\/|$)/.test(p);
  const need = (p, at, what) => {
    if (isRelative(p) && !existsSync(path.resolve(composeDir, p)))
      problems.push(`${at}: ${p} does not exist (${what})`);
  };
  for (const [name, svc] of Object.entries(isObject(model.services) ? model.services : {})) {
    if (!isObject(svc)) continue;
    const at = `services.${name}`;
    bindMounts(svc).forEach(({ source, index }) =>
      need(source, `${at}.volumes[${index}]`, 'bind mount'),
    );
    const envFiles = Array.isArray(svc.env_file) ? svc.env_file : [svc.env_file];
    for (const f of envFiles) {
      if (typeof f === 'string') need(f, `${at}.env_file`, 'env file');
      else if (isObject(f) && f.required !== false && f.required !== 'false')
        need(f.path, `${at}.env_file`, 'env file');
    }
  }
  for (const kind of ['configs', 'secrets']) {
    for (const [name, def] of Object.entries(isObject(model[kind]) ? model[kind] : {})) {
      if (isObject(def)) need(def.file, `${kind}.${name}.file`, kind.slice(0, -1));
    }
  }
}

/** A service's bind mounts: `{ source, target, index }` (short and long syntax). */
function bindMounts(svc) {
  const out = [];
  (Array.isArray(svc.volumes) ? svc.volumes : []).forEach((v, index) => {
    if (typeof v === 'string') {
      const parts = v.split(':');
      if (parts.length >= 2 && /^[./~]/.test(parts[0]))
        out.push({ source: parts[0], target: parts[1], index });
    } else if (isObject(v) && v.type === 'bind' && typeof v.source === 'string') {
      out.push({ source: v.source, target: v.target, index });
    }
  });
  return out;
}

// ------------------------------------------------------------------------------------------------
// Profiles

const profilesOf = (svc) => (Array.isArray(svc?.profiles) ? svc.profiles.map(String) : []);

/**
 * Every set of services Compose can start: the default (no --profile) and each profile. A service
 * that such a set enables must not depend on a service that the set leaves out: Compose refuses
 * to start it.
 */
function checkProfiles(services, problems) {
  const declared = [...new Set(Object.values(services).flatMap(profilesOf))];
  const seen = new Set();
  for (const view of [null, ...declared]) {
    const enabled = (svc) =>
      profilesOf(svc).length === 0 || (view !== null && profilesOf(svc).includes(view));
    for (const [name, svc] of Object.entries(services)) {
      if (!isObject(svc) || !enabled(svc)) continue;
      for (const dep of asList(svc.depends_on)) {
        const spec = isObject(svc.depends_on) ? svc.depends_on[dep] : null;
        const optional = isObject(spec) && (spec.required === false || spec.required === 'false');
        if (!isObject(services[dep]) || optional || enabled(services[dep])) continue;
        const where = view === null ? 'the default stack (no --profile)' : `profile ${view}`;
        const message =
          `services.${name}.depends_on: "${dep}" is only in profile ` +
          `${profilesOf(services[dep]).join(', ')}, so ${where} cannot start "${name}"`;
        if (!seen.has(message)) problems.push(message);
        seen.add(message);
      }
    }
  }
}

/** Names reached from `start` through depends_on (start included). */
function dependencyClosure(services, start) {
  const reached = new Set();
  const walk = (name) => {
    if (reached.has(name) || !isObject(services[name])) return;
    reached.add(name);
    for (const dep of asList(services[name].depends_on)) walk(dep);
  };
  walk(start);
  return reached;
}

function environmentOf(svc) {
  const env = svc?.environment;
  if (isObject(env)) return env;
  const out = {};
  for (const item of Array.isArray(env) ? env : []) {
    const s = String(item);
    const eq = s.indexOf('=');
    if (eq < 0) out[s] = null;
    else out[s.slice(0, eq)] = s.slice(eq + 1);
  }
  return out;
}

const dependsHealthy = (svc, dep) =>
  isObject(svc?.depends_on) && svc.depends_on[dep]?.condition === 'service_healthy';

/** The scaled topology (SCALE above): present, wired, and started whole by its entry service. */
function checkScaleProfile(services, composeDir, problems) {
  const p = SCALE.profile;
  const missing = SCALE.services.filter((s) => !isObject(services[s]));
  for (const s of missing)
    problems.push(`services.${s}: missing (expected in profile ${p}: docs/deployment.md)`);
  for (const s of SCALE.services.filter((n) => !missing.includes(n))) {
    if (!profilesOf(services[s]).includes(p))
      problems.push(`services.${s}: not in profile ${p} (add profiles: [${p}])`);
  }
  for (const s of SCALE.healthchecks) {
    if (isObject(services[s]) && !hasHealthcheck(services[s]))
      problems.push(`services.${s}: no healthcheck (or it is disabled)`);
  }
  if (missing.length) return;

  // `docker compose --profile scale up -d nginx` starts nginx and its dependencies only.
  const started = dependencyClosure(services, SCALE.entry);
  const command = `docker compose --profile ${p} up -d ${SCALE.entry}`;
  for (const [name, svc] of Object.entries(services)) {
    if (profilesOf(svc).includes(p) && !started.has(name))
      problems.push(
        `profile ${p}: \`${command}\` does not start "${name}" (no dependency leads to it)`,
      );
  }
  if (started.has(SCALE.like))
    problems.push(
      `profile ${p}: \`${command}\` would also start "${SCALE.like}", the single-instance service`,
    );

  const like = services[SCALE.like];
  const likeEnv = environmentOf(like);
  SCALE.apps.forEach((name, k) => {
    const svc = services[name];
    const at = `services.${name}`;
    const env = environmentOf(svc);
    if (isObject(like)) {
      for (const key of ['image', 'build']) {
        if (JSON.stringify(svc[key]) !== JSON.stringify(like[key]))
          problems.push(
            `${at}.${key}: differs from "${SCALE.like}" (every instance runs one image)`,
          );
      }
      if (env.DATABASE_URL !== likeEnv.DATABASE_URL)
        problems.push(`${at}.environment: DATABASE_URL differs from "${SCALE.like}"'s`);
    }
    const redisUrl = typeof env.REDIS_URL === 'string' ? env.REDIS_URL.trim() : '';
    if (redisUrl === '') {
      problems.push(
        `${at}.environment: REDIS_URL is not set: the instance would keep its socket.io rooms ` +
          'and rate-limit counters to itself',
      );
    } else {
      const host = /^rediss?:\/\/(?:[^@/]*@)?([^:/?]+)/.exec(redisUrl)?.[1];
      if (host && !isObject(services[host]))
        problems.push(`${at}.environment: REDIS_URL names "${host}", which is not a service`);
      else if (host && !asList(svc.depends_on).includes(host))
        problems.push(`${at}.depends_on: does not wait for "${host}" (its REDIS_URL)`);
    }
    if (!/^(1|true|yes|on)$/i.test(String(env.TRUST_PROXY ?? '').trim())) {
      problems.push(
        `${at}.environment: TRUST_PROXY is not true: behind ${SCALE.proxy} every request would ` +
          'seem to come from the proxy (one rate-limit budget for all, no client address)',
      );
    }
    // Every instance runs the pending migrations and the first-start seeding at boot: started one
    // after another, the first does them alone and the others find nothing left to do.
    if (k > 0 && !dependsHealthy(svc, SCALE.apps[k - 1])) {
      problems.push(
        `${at}.depends_on: starts beside "${SCALE.apps[k - 1]}", so both run the migrations and ` +
          `first-start seeding at once: depend on "${SCALE.apps[k - 1]}" with condition ` +
          'service_healthy',
      );
    }
  });

  const redis = services[SCALE.redis];
  const redisCommand = Array.isArray(redis.command)
    ? redis.command.join(' ')
    : String(redis.command ?? '');
  if (!/--appendonly\s+yes\b/.test(redisCommand))
    problems.push(
      `services.${SCALE.redis}: append-only file is off (command: redis-server --appendonly yes)`,
    );
  const onData = (Array.isArray(redis.volumes) ? redis.volumes : []).some((v) =>
    typeof v === 'string' ? v.split(':')[1] === '/data' : isObject(v) && v.target === '/data',
  );
  if (!onData)
    problems.push(
      `services.${SCALE.redis}: no volume on /data: the append-only file would die with the container`,
    );

  if (nginxConfigs(services[SCALE.proxy], composeDir).length === 0) {
    problems.push(
      `services.${SCALE.proxy}: mounts no nginx configuration from the repository ` +
        '(./deploy/nginx/nginx.conf at /etc/nginx/nginx.conf)',
    );
  }
}

// ------------------------------------------------------------------------------------------------
// nginx configuration (structure only: `nginx -t` would resolve the upstream host names, which
// exist only inside the compose network, and CI has no nginx)

/** Splits an nginx configuration into words and `{`, `}`, `;`, dropping comments. */
function tokenizeNginx(text) {
  const tokens = [];
  const errors = [];
  let i = 0;
  let line = 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '\n') line += 1;
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') i += 1;
      continue;
    }
    if (c === '{' || c === '}' || c === ';') {
      tokens.push({ type: c, line });
      i += 1;
      continue;
    }
    const at = line;
    let word = '';
    if (c === '"' || c === "'") {
      i += 1;
      while (i < text.length && text[i] !== c) {
        if (text[i] === '\\' && i + 1 < text.length) {
          word += text[i + 1];
          i += 2;
          continue;
        }
        if (text[i] === '\n') line += 1;
        word += text[i];
        i += 1;
      }
      if (i >= text.length) {
        errors.push(`line ${at}: unterminated quoted string`);
        break;
      }
      i += 1;
    } else {
      while (i < text.length && !/[\s{};]/.test(text[i])) {
        word += text[i];
        i += 1;
      }
    }
    tokens.push({ type: 'word', value: word, line: at });
  }
  return { tokens, errors };
}

/** Parses nginx configuration text into `{ name, args, line, block? }` directives. */
export function parseNginx(text) {
  const { tokens, errors } = tokenizeNginx(text);
  const root = { name: '', args: [], line: 0, block: [] };
  const stack = [root];
  let words = [];
  const unterminated = () =>
    errors.push(`line ${words[0].line}: directive "${words[0].value}" is not terminated by ";"`);
  for (const t of tokens) {
    if (t.type === 'word') {
      words.push(t);
      continue;
    }
    if (t.type === '}') {
      if (words.length) unterminated();
      words = [];
      if (stack.length === 1) errors.push(`line ${t.line}: unexpected "}"`);
      else stack.pop();
      continue;
    }
    if (words.length === 0) {
      errors.push(`line ${t.line}: "${t.type}" without a directive`);
      continue;
    }
    const node = {
      name: words[0].value,
      args: words.slice(1).map((w) => w.value),
      line: words[0].line,
    };
    words = [];
    stack[stack.length - 1].block.push(node);
    if (t.type === '{') {
      node.block = [];
      stack.push(node);
    }
  }
  if (words.length) unterminated();
  if (stack.length > 1) {
    const open = stack[stack.length - 1];
    errors.push(`line ${open.line}: block "${open.name}" is not closed`);
  }
  return { root, errors };
}

const own = (node, name) => (node?.block ?? []).filter((d) => d.name === name);

/** Value of a directive as nginx inherits it: the innermost level that sets it. */
function effectiveOne(levels, name) {
  for (let k = levels.length - 1; k >= 0; k -= 1) {
    const found = own(levels[k], name);
    if (found.length) return found[found.length - 1].args;
  }
  return null;
}

/**
 * proxy_set_header and the like: a level that sets any of them replaces, not extends, what it
 * would inherit. Returns the level's list and whether it is the innermost level's own.
 */
function effectiveList(levels, name) {
  for (let k = levels.length - 1; k >= 0; k -= 1) {
    const found = own(levels[k], name);
    if (found.length)
      return { list: found.map((d) => d.args), fromInnermost: k === levels.length - 1 };
  }
  return { list: [], fromInnermost: false };
}

const SIZE_UNITS = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };
function nginxSize(value) {
  const m = /^(\d+)([kmg]?)$/i.exec(String(value));
  if (!m) return null;
  return Number(m[1]) === 0 ? Infinity : Number(m[1]) * SIZE_UNITS[m[2].toLowerCase()];
}
const TIME_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
function nginxMs(value) {
  const text = String(value);
  if (!/^(\d+(ms|s|m|h|d)?)+$/.test(text)) return null;
  let ms = 0;
  for (const m of text.matchAll(/(\d+)(ms|s|m|h|d)?/g)) ms += Number(m[1]) * TIME_MS[m[2] ?? 's'];
  return ms;
}
/** An Express body-parser limit ('1mb', '512kb', '100000') in bytes (the `bytes` package). */
function expressBytes(value) {
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(String(value).trim());
  if (!m) return null;
  const unit = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[(m[2] ?? 'b').toLowerCase()];
  return Math.floor(Number(m[1]) * unit);
}

/**
 * Limits the proxy has to let through, read from the app's sources when they are there (so a
 * change in the app shows up here), else the values of this writing.
 */
function appLimits() {
  const read = (file, re, fallback, what) => {
    try {
      const m = re.exec(readFileSync(path.join(REPO_ROOT, file), 'utf8'));
      if (m) return m[1];
    } catch {
      // not in a checkout of the app (a copy of this script elsewhere)
    }
    notes.push(`note: ${what} not found in ${file}; using ${fallback}`);
    return fallback;
  };
  const product = (expr) =>
    String(expr)
      .split('*')
      .reduce((acc, n) => acc * Number(n.trim().replace(/_/g, '')), 1);
  return {
    bodyLimit: read(
      'src/config/app-config.ts',
      /BODY_LIMIT\s*=\s*'([^']+)'/,
      '1mb',
      'BODY_LIMIT default',
    ),
    bankImportBytes: product(
      read(
        'src/question-banks/formats/limits.ts',
        /maxFileBytes:\s*([\d_\s*]+),/,
        '10 * 1024 * 1024',
        'IMPORT_LIMITS.maxFileBytes',
      ),
    ),
    unitsImportBytes: product(
      read(
        'src/units/import/units-file.ts',
        /MAX_UNITS_FILE_BYTES\s*=\s*([\d_\s*]+);/,
        '2 * 1024 * 1024',
        'MAX_UNITS_FILE_BYTES',
      ),
    ),
  };
}

/** Room for the multipart envelope (boundaries, part headers) around an uploaded file. */
const MULTIPART_ENVELOPE = 64 * 1024;
/** socket.io's largest heartbeat window (pingInterval + pingTimeout with its defaults). */
const SOCKETIO_HEARTBEAT_MS = 45_000;

/** The nginx configurations a service mounts from the repository: `{ file, main }`. */
function nginxConfigs(svc, composeDir) {
  if (!isObject(svc) || !/(^|\/)nginx(-unprivileged)?(:|@|$)/.test(String(svc.image ?? '')))
    return [];
  const out = [];
  for (const { source, target } of bindMounts(svc)) {
    if (!/^\.{1,2}(\/|$)/.test(source)) continue;
    const file = path.resolve(composeDir, source);
    if (target === '/etc/nginx/nginx.conf') out.push({ file, main: true });
    else if (/^\/etc\/nginx\/conf\.d\/[^/]+\.conf$/.test(String(target)))
      out.push({ file, main: false });
  }
  return out;
}

/** nginx `location` matching for one URI (server level only): =, ^~, regex in order, prefix. */
function matchLocation(server, uri) {
  const locs = own(server, 'location').map((l) =>
    l.args.length >= 2
      ? { mod: l.args[0], path: l.args[1], node: l }
      : { mod: '', path: l.args[0], node: l },
  );
  const exact = locs.find((l) => l.mod === '=' && l.path === uri);
  if (exact) return exact;
  let best = null;
  for (const l of locs) {
    if (
      (l.mod === '' || l.mod === '^~') &&
      uri.startsWith(l.path) &&
      (!best || l.path.length > best.path.length)
    )
      best = l;
  }
  if (best?.mod === '^~') return best;
  for (const l of locs) {
    if (l.mod !== '~' && l.mod !== '~*') continue;
    try {
      if (new RegExp(l.path, l.mod === '~*' ? 'i' : '').test(uri)) return l;
    } catch {
      // a PCRE-only pattern: nginx -t would judge it
    }
  }
  return best;
}

/** Expands $arg_*, $http_* and map variables for one probe request. */
function expand(text, probe, maps, depth = 0) {
  return String(text).replace(/\$\{?([A-Za-z0-9_]+)\}?/g, (whole, name) => {
    if (name.startsWith('arg_')) return probe.args[name.slice(4)] ?? '';
    if (name.startsWith('http_')) return probe.headers[name.slice(5)] ?? '';
    const map = maps.get(`$${name}`);
    if (map && depth < 8) return evaluateMap(map, probe, maps, depth + 1);
    return whole;
  });
}

function evaluateMap(map, probe, maps, depth) {
  const source = expand(map.args[0], probe, maps, depth);
  const entries = (map.block ?? []).filter(
    (e) => !['hostnames', 'volatile', 'include'].includes(e.name),
  );
  const value = (e) => expand(e.args[0] ?? '', probe, maps, depth);
  const exact = entries.find(
    (e) => e.name !== 'default' && !e.name.startsWith('~') && e.name.replace(/^\\/, '') === source,
  );
  if (exact) return value(exact);
  for (const e of entries.filter((x) => x.name.startsWith('~'))) {
    const ci = e.name.startsWith('~*');
    try {
      if (new RegExp(e.name.slice(ci ? 2 : 1), ci ? 'i' : '').test(source)) return value(e);
    } catch {
      // PCRE-only pattern
    }
  }
  const def = entries.find((e) => e.name === 'default');
  return def ? value(def) : '';
}

/** Checks one nginx configuration mounted by `service` against what the apps need. */
function checkNginxConfig({ file, main }, service, services, composeDir, problems) {
  const label = path.relative(composeDir, file) || file;
  const { root, errors } = parseNginx(readFileSync(file, 'utf8'));
  for (const e of errors) problems.push(`${label}: syntax: ${e}`);
  if (errors.length) return;
  let http = root;
  if (main) {
    if (own(root, 'events').length === 0)
      problems.push(`${label}: no "events" block (this file replaces the image's nginx.conf)`);
    http = own(root, 'http')[0];
    if (!http) {
      problems.push(`${label}: no "http" block`);
      return;
    }
  }
  const upstreams = new Map(own(http, 'upstream').map((u) => [u.args[0], u]));
  const maps = new Map(own(http, 'map').map((m) => [m.args[1], m]));
  const dependsOn = new Set(asList(services[service]?.depends_on));

  // Upstream servers: compose services that nginx waits for, on the port they listen on.
  const backends = new Set();
  const hasResolver = own(http, 'resolver').length > 0;
  for (const [name, up] of upstreams) {
    const servers = own(up, 'server');
    if (servers.length === 0) problems.push(`${label}: upstream ${name} has no server`);
    for (const s of servers) {
      const addr = s.args[0] ?? '';
      if (addr.startsWith('unix:')) continue;
      const [host, port = '80'] = addr.split(':');
      if (!isObject(services[host])) {
        problems.push(`${label}: upstream ${name}: "${host}" is not a compose service`);
        continue;
      }
      backends.add(host);
      if (!dependsOn.has(host))
        problems.push(
          `${label}: upstream ${name}: ${service} does not depend on "${host}" (depends_on)`,
        );
      const listens = environmentOf(services[host]).PORT;
      if (typeof listens === 'string' && /^\d+$/.test(listens) && listens !== port)
        problems.push(`${label}: upstream ${name}: "${host}" listens on ${listens}, not ${port}`);
      if (s.args.includes('resolve')) {
        if (own(up, 'zone').length === 0)
          problems.push(`${label}: upstream ${name}: "resolve" needs a "zone" in the upstream`);
        if (!hasResolver && own(up, 'resolver').length === 0)
          problems.push(`${label}: upstream ${name}: "resolve" needs a "resolver"`);
      }
    }
  }
  const balancing = (up) =>
    ['ip_hash', 'hash', 'sticky'].find((d) => own(up, d).length > 0) ?? null;

  const servers = own(http, 'server').filter((srv) => JSON.stringify(srv).includes('"proxy_pass"'));
  if (servers.length === 0) {
    problems.push(`${label}: no server block proxies to the apps`);
    return;
  }
  const limits = appLimits();
  const bodyLimit = expressBytes(limits.bodyLimit);
  const upgradeMaps = [...maps.values()].filter((m) => m.args[0] === '$http_upgrade');
  const probes = [
    {
      what: 'a player on websocket',
      uri: '/socket.io/',
      args: { EIO: '4', transport: 'websocket' },
      socket: true,
    },
    {
      what: 'a long-polling handshake',
      uri: '/socket.io/',
      args: { EIO: '4', transport: 'polling' },
      socket: true,
      sticky: true,
    },
    {
      what: 'a long-polling request',
      uri: '/socket.io/',
      args: { EIO: '4', transport: 'polling', sid: 'x' },
      socket: true,
      sticky: true,
    },
    {
      what: 'the upgrade of a polling session',
      uri: '/socket.io/',
      args: { EIO: '4', transport: 'websocket', sid: 'x' },
      socket: true,
      sticky: true,
    },
    { what: 'an API request', uri: '/api/health', args: {}, roundRobin: true, minBody: bodyLimit },
    { what: 'the web client', uri: '/', args: {}, roundRobin: true, gzip: true },
    {
      what: 'a question bank import',
      uri: '/api/banks/0/import',
      args: {},
      minBody: limits.bankImportBytes + MULTIPART_ENVELOPE,
    },
    {
      what: 'a units import',
      uri: '/api/contests/0/units/import',
      args: {},
      minBody: limits.unitsImportBytes + MULTIPART_ENVELOPE,
    },
    { what: 'the metrics', uri: '/metrics', args: {}, private: true },
  ];
  for (const srv of servers) {
    const stickyTargets = new Set();
    // One line per location and problem, naming every probe request that showed it.
    const found = new Map();
    for (const probe of probes) {
      const request = {
        ...probe,
        headers:
          probe.socket && probe.args.transport === 'websocket' ? { upgrade: 'websocket' } : {},
      };
      const loc = matchLocation(srv, probe.uri);
      const where = loc ? `location ${loc.mod ? `${loc.mod} ` : ''}${loc.path}` : 'server';
      const flag = (message) => {
        const key = `${where}\0${message}`;
        if (!found.has(key)) found.set(key, { where, message, probes: [] });
        const query = new URLSearchParams(probe.args).toString();
        found.get(key).probes.push(`${probe.what} ${probe.uri}${query ? `?${query}` : ''}`);
      };
      const levels = loc ? [http, srv, loc.node] : [http, srv];
      const pass = loc ? own(loc.node, 'proxy_pass')[0]?.args[0] : undefined;
      if (probe.private) {
        if (pass) flag(`proxied; metrics are per instance and not public: return 404`);
        continue;
      }
      if (!pass) {
        flag(`not proxied to the apps`);
        continue;
      }
      const target = expand(pass, request, maps);
      const host = /^https?:\/\/([^/:$]+)/.exec(target)?.[1];
      const up = upstreams.get(host);
      if (!up && !isObject(services[host])) {
        flag(`proxy_pass ${pass} leads to "${target}", neither an upstream nor a service`);
        continue;
      }
      const hosts = up ? own(up, 'server').map((s) => String(s.args[0]).split(':')[0]) : [host];
      const left = [...backends].filter((b) => !hosts.includes(b));
      if (left.length) flag(`goes to ${host}, which leaves out ${left.join(', ')}`);

      const { list, fromInnermost } = effectiveList(levels, 'proxy_set_header');
      const headers = new Map(list.map(([k, ...v]) => [String(k).toLowerCase(), v.join(' ')]));
      for (const h of ['Host', 'X-Forwarded-For', 'X-Forwarded-Proto']) {
        if (!headers.has(h.toLowerCase())) {
          flag(
            `does not send ${h}` +
              (fromInnermost && loc
                ? ' (it sets proxy_set_header itself, so the server-level ones are not inherited)'
                : ''),
          );
        }
      }
      const size = nginxSize(effectiveOne(levels, 'client_max_body_size')?.[0] ?? '1m');
      if (probe.minBody && size !== null && size < probe.minBody) {
        flag(
          `client_max_body_size ${effectiveOne(levels, 'client_max_body_size')?.[0] ?? '1m (default)'} ` +
            `is below the app's ${probe.minBody} bytes`,
        );
      }
      if (probe.gzip && effectiveOne(levels, 'gzip')?.[0] !== 'on')
        flag(`gzip is off (text assets go out uncompressed)`);
      if (probe.roundRobin && up && balancing(up)) {
        flag(
          `upstream ${host} uses ${balancing(up)}: HTTP needs no affinity (sessions are in ` +
            'PostgreSQL), and affinity by address piles an office behind one NAT onto one instance',
        );
      }
      if (probe.socket) {
        if (effectiveOne(levels, 'proxy_http_version')?.[0] !== '1.1')
          flag(`proxy_http_version is not 1.1 (websockets need it)`);
        if (headers.get('upgrade') !== '$http_upgrade')
          flag(`does not pass the Upgrade header (proxy_set_header Upgrade $http_upgrade)`);
        const conn = headers.get('connection') ?? '';
        if (!upgradeMaps.some((m) => m.args[1] === conn) && conn.toLowerCase() !== 'upgrade')
          flag(`Connection is not set from a map of $http_upgrade (websocket upgrade)`);
        const timeout = nginxMs(effectiveOne(levels, 'proxy_read_timeout')?.[0] ?? '60s');
        if (timeout !== null && timeout <= SOCKETIO_HEARTBEAT_MS)
          flag(
            `proxy_read_timeout must exceed socket.io's ${SOCKETIO_HEARTBEAT_MS / 1000} s heartbeat`,
          );
      }
      if (probe.sticky) {
        stickyTargets.add(host);
        if (!up || !balancing(up))
          flag(`no affinity (ip_hash): a polling session must reach the instance that holds it`);
      }
    }
    for (const { where, message, probes: shown } of found.values())
      problems.push(`${label}: ${where} (${shown.join('; ')}): ${message}`);
    if (stickyTargets.size > 1)
      problems.push(
        `${label}: polling requests of one session go to different upstreams (${[...stickyTargets].join(', ')})`,
      );
  }
}

// ------------------------------------------------------------------------------------------------
// Entry points

/** Checks one compose file; returns the list of problems (empty when valid). */
export function checkComposeFile(file) {
  const problems = [];
  if (!existsSync(file)) return [`${file} does not exist`];
  const doc = YAML.parseDocument(readFileSync(file, 'utf8'), {
    merge: true,
    uniqueKeys: true,
    prettyErrors: true,
  });
  for (const e of [...doc.errors, ...doc.warnings])
    problems.push(`yaml: ${e.message.split('\n')[0]}`);
  if (doc.errors.length) return problems;
  const raw = doc.toJS({ maxAliasCount: 1000 });

  const sink = { refs: [], errors: [] };
  const model = interpolateTree(raw, '', sink);
  problems.push(...sink.errors);
  checkVariables(sink.refs, problems);

  const validate = loadValidator();
  if (!validate(model)) problems.push(...readableSchemaErrors(validate.errors ?? []));

  checkSemantics(model, path.dirname(path.resolve(file)), problems);
  return problems;
}

// A small production-shaped stack, valid, that each self-test case breaks in one way.
const FIXTURE_COMPOSE = `
name: fixture
x-logging: &logging
  driver: json-file
  options: { max-size: "10m" }
services:
  db:
    image: postgres:17
    environment:
      POSTGRES_PASSWORD: \${POSTGRES_PASSWORD:-change-me}
    volumes: [db-data:/var/lib/postgresql/data]
    healthcheck:
      test: ["CMD-SHELL", "pg_isready -U \\"$\${POSTGRES_USER}\\""]
      interval: 10s
    logging: *logging
  app:
    build: { context: ., dockerfile: Dockerfile }
    depends_on:
      db: { condition: service_healthy }
    environment:
      - DATABASE_URL=postgres://u:\${POSTGRES_PASSWORD:-change-me}@db:5432/app
      - ADMIN_PASSWORD=\${ADMIN_PASSWORD:?set ADMIN_PASSWORD}
      - LOG_LEVEL
    ports: ["\${APP_PORT:-3000}:3000"]
    restart: unless-stopped
    healthcheck:
      test: ["CMD", "node", "-e", "fetch('http://127.0.0.1:3000/api/health')"]
      start_period: 60s
    logging: *logging
  redis:
    image: redis:7.4-alpine
    profiles: [scale]
    command: ["redis-server", "--appendonly", "yes"]
    volumes: [redis-data:/data]
    healthcheck:
      test: ["CMD-SHELL", "redis-cli ping | grep -q PONG"]
  app-1:
    build: { context: ., dockerfile: Dockerfile }
    profiles: [scale]
    depends_on:
      db: { condition: service_healthy }
      redis: { condition: service_healthy }
    environment:
      - DATABASE_URL=postgres://u:\${POSTGRES_PASSWORD:-change-me}@db:5432/app
      - REDIS_URL=redis://redis:6379
      - TRUST_PROXY=true
    healthcheck:
      test: ["CMD", "node", "-e", "fetch('http://127.0.0.1:3000/api/health')"]
  app-2:
    build: { context: ., dockerfile: Dockerfile }
    profiles: [scale]
    depends_on:
      db: { condition: service_healthy }
      redis: { condition: service_healthy }
      app-1: { condition: service_healthy }
    environment:
      - DATABASE_URL=postgres://u:\${POSTGRES_PASSWORD:-change-me}@db:5432/app
      - REDIS_URL=redis://redis:6379
      - TRUST_PROXY=true
    healthcheck:
      test: ["CMD", "node", "-e", "fetch('http://127.0.0.1:3000/api/health')"]
  nginx:
    image: nginx:1.28-alpine
    profiles: [scale]
    depends_on:
      app-1: { condition: service_healthy }
      app-2: { condition: service_healthy }
    volumes: [./deploy/nginx/nginx.conf:/etc/nginx/nginx.conf:ro]
    ports: ["8080:80"]
    healthcheck:
      test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1/"]
volumes:
  db-data:
  redis-data:
`;
// What the fixture's nginx mounts: the directives the scaled stack needs, and nothing else.
const FIXTURE_NGINX = `events {}
http {
  gzip on;
  map $http_upgrade $connection_upgrade {
    default upgrade;
    '' close;
  }
  upstream app_http {
    server app-1:3000;
    server app-2:3000;
  }
  upstream app_socketio {
    ip_hash;
    server app-1:3000;
    server app-2:3000;
  }
  server {
    listen 80;
    proxy_set_header Host $host;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto $scheme;
    location /socket.io/ {
      proxy_pass http://app_socketio;
      proxy_http_version 1.1;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_read_timeout 75s;
    }
    location ~ ^/api/banks/[^/]+/import$ {
      client_max_body_size 11m;
      proxy_pass http://app_http;
    }
    location ~ ^/api/contests/[^/]+/units/import$ {
      client_max_body_size 3m;
      proxy_pass http://app_http;
    }
    location = /metrics {
      return 404;
    }
    location / {
      proxy_pass http://app_http;
    }
  }
}
`;
const FIXTURE_DOCKERFILE = `# syntax=docker/dockerfile:1
FROM node:22-bookworm-slim AS build
RUN npm ci
FROM node:22-bookworm-slim AS runtime
COPY --from=build /app /app
USER node
HEALTHCHECK --interval=30s \\
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/api/health')"]
CMD ["node", "dist/main.js"]
`;
const FIXTURE_DOCKERIGNORE = 'node_modules\ndist\n';

const SELF_TEST_CASES = [
  { name: 'fixture as written is valid', expect: [] },
  {
    name: 'undefined depends_on target',
    edit: (c) =>
      c.replace(
        'db: { condition: service_healthy }',
        'db: { condition: service_healthy }\n      ghost: { condition: service_started }',
      ),
    expect: [/depends_on: service "ghost" is not defined/],
  },
  {
    name: 'unknown service key (schema)',
    edit: (c) =>
      c.replace('restart: unless-stopped', 'restart: unless-stopped\n    restart_policy: always'),
    expect: [/schema: services\.app: unknown key "restart_policy"/],
  },
  {
    name: 'bad depends_on condition (schema enum)',
    edit: (c) => c.replace('condition: service_healthy', 'condition: healthy'),
    expect: [
      /schema: services\.app\.depends_on\.db\.condition: must be equal to one of the allowed values/,
    ],
  },
  {
    name: 'unknown top-level key (schema)',
    edit: (c) => `${c}servces: {}\n`,
    expect: [/schema: \(top level\): unknown key "servces"/],
  },
  {
    name: 'obsolete version key',
    edit: (c) => `version: "3.9"\n${c}`,
    expect: [/obsolete "version" key/],
  },
  {
    name: 'variable without default',
    edit: (c) => c.replace('- LOG_LEVEL', '- LOG_LEVEL=${LOG_LEVEL}'),
    expect: [/\$\{LOG_LEVEL\} has no default/],
  },
  {
    name: 'required variable without message',
    edit: (c) => c.replace('${ADMIN_PASSWORD:?set ADMIN_PASSWORD}', '${ADMIN_PASSWORD:?}'),
    expect: [/is required but gives no message/],
  },
  {
    name: 'one variable, two defaults',
    edit: (c) =>
      c.replace(
        'postgres://u:${POSTGRES_PASSWORD:-change-me}',
        'postgres://u:${POSTGRES_PASSWORD:-other}',
      ),
    expect: [/\$\{POSTGRES_PASSWORD\} defaults to "other" here but to "change-me"/],
  },
  {
    name: 'lone dollar sign',
    edit: (c) => c.replace('- LOG_LEVEL', '- PRICE=5$'),
    expect: [/lone "\$"/],
  },
  {
    name: 'undeclared named volume',
    edit: (c) => c.replace(/^ {2}db-data:\n/m, ''),
    expect: [/named volume "db-data" is not declared/],
  },
  {
    name: 'db without healthcheck',
    edit: (c) => c.replace(/ {4}healthcheck:\n {6}test: \["CMD-SHELL".*\n {6}interval: 10s\n/, ''),
    expect: [
      /services\.db: no healthcheck/,
      /condition service_healthy but "db" has no healthcheck/,
    ],
  },
  {
    name: 'app healthcheck disabled',
    edit: (c) =>
      c.replace('      start_period: 60s', '      start_period: 60s\n      disable: true'),
    expect: [/services\.app: no healthcheck/],
  },
  {
    name: 'YAML duplicate key',
    edit: (c) =>
      c.replace('    restart: unless-stopped', '    restart: unless-stopped\n    restart: "no"'),
    expect: [/yaml: Map keys must be unique/],
  },
  {
    name: 'Dockerfile runs as root',
    dockerfile: (d) => d.replace('USER node', 'USER root'),
    expect: [/runs as root \(USER root\)/],
  },
  {
    name: 'Dockerfile without USER in the final stage',
    dockerfile: (d) => d.replace('USER node\n', ''),
    expect: [/has no USER instruction/],
  },
  {
    name: 'Dockerfile without HEALTHCHECK',
    dockerfile: (d) => d.replace(/HEALTHCHECK[^\n]*\\\n[^\n]*\n/, ''),
    expect: [/has no HEALTHCHECK/],
  },
  {
    name: 'Dockerfile missing',
    dockerfile: () => null,
    expect: [/Dockerfile .* does not exist/],
  },
  {
    name: '.dockerignore keeps node_modules',
    dockerignore: () => 'dist\n',
    expect: [/\.dockerignore does not exclude node_modules/],
  },
  // Profile `scale` and the files it mounts
  {
    name: 'mounted nginx configuration missing',
    nginx: () => null,
    expect: [/volumes\[0\]: \.\/deploy\/nginx\/nginx\.conf does not exist/],
  },
  {
    name: 'default service depends on a profile-only service',
    edit: (c) =>
      c.replace(
        'db: { condition: service_healthy }',
        'db: { condition: service_healthy }\n      redis: { condition: service_started }',
      ),
    expect: [/services\.app\.depends_on: "redis" is only in profile scale/],
  },
  {
    name: 'scale profile without redis',
    edit: (c) => c.replace(/ {2}redis:\n(?: {4}.*\n)+/, ''),
    expect: [/services\.redis: missing \(expected in profile scale/],
  },
  {
    name: 'scale entry does not start the whole profile',
    edit: (c) =>
      c.replace(
        /(nginx:\n(?:.*\n)*? {6}app-1: \{ condition: service_healthy \}\n) {6}app-2: .*\n/,
        '$1',
      ),
    expect: [
      /`docker compose --profile scale up -d nginx` does not start "app-2"/,
      /upstream app_http: nginx does not depend on "app-2"/,
    ],
  },
  {
    name: 'scale entry would start the single-instance app',
    edit: (c) =>
      c.replace(
        '      app-2: { condition: service_healthy }\n    volumes',
        '      app-2: { condition: service_healthy }\n      app: { condition: service_started }\n    volumes',
      ),
    expect: [/would also start "app", the single-instance service/],
  },
  {
    name: 'app instances start together (migrations race)',
    edit: (c) =>
      c.replace('      app-1: { condition: service_healthy }\n    environment', '    environment'),
    expect: [/services\.app-2\.depends_on: starts beside "app-1", so both run the migrations/],
  },
  {
    name: 'scale instance without REDIS_URL',
    edit: (c) => c.replace('      - REDIS_URL=redis://redis:6379\n', ''),
    expect: [/services\.app-1\.environment: REDIS_URL is not set/],
  },
  {
    name: 'scale instance without TRUST_PROXY',
    edit: (c) => c.replace('      - TRUST_PROXY=true\n', ''),
    expect: [/services\.app-1\.environment: TRUST_PROXY is not true/],
  },
  {
    name: 'scale instance on another image',
    edit: (c) =>
      c.replace(
        '  app-2:\n    build: { context: ., dockerfile: Dockerfile }',
        '  app-2:\n    image: other:1',
      ),
    expect: [
      /services\.app-2\.image: differs from "app"/,
      /services\.app-2\.build: differs from "app"/,
    ],
  },
  {
    name: 'Redis without append-only file',
    edit: (c) => c.replace('["redis-server", "--appendonly", "yes"]', '["redis-server"]'),
    expect: [/services\.redis: append-only file is off/],
  },
  // nginx configuration
  {
    name: 'nginx: syntax error',
    nginx: (n) =>
      n.replace(
        '    location = /metrics {\n      return 404;\n    }',
        '    location = /metrics {\n      return 404;\n',
      ),
    expect: [/nginx\.conf: syntax: line \d+: block "http" is not closed/],
  },
  {
    name: 'nginx: polling without affinity',
    nginx: (n) => n.replace('    ip_hash;\n', ''),
    expect: [/location \/socket\.io\/ \(.*a long-polling request.*\): no affinity \(ip_hash\)/],
  },
  {
    name: 'nginx: API with affinity',
    nginx: (n) => n.replace('  upstream app_http {\n', '  upstream app_http {\n    ip_hash;\n'),
    expect: [/location \/ \(an API request \/api\/health.*\): upstream app_http uses ip_hash/],
  },
  {
    name: 'nginx: location-level headers drop X-Forwarded-For',
    nginx: (n) => n.replace(/\n {6}proxy_set_header X-Forwarded-For[^\n]*/, ''),
    expect: [
      /location \/socket\.io\/ .*does not send X-Forwarded-For \(it sets proxy_set_header itself/,
    ],
  },
  {
    name: 'nginx: no websocket upgrade',
    nginx: (n) => n.replace('      proxy_set_header Upgrade $http_upgrade;\n', ''),
    expect: [/does not pass the Upgrade header/],
  },
  {
    name: 'nginx: proxy_read_timeout within the heartbeat',
    nginx: (n) => n.replace('proxy_read_timeout 75s', 'proxy_read_timeout 30s'),
    expect: [/proxy_read_timeout must exceed socket\.io's 45 s heartbeat/],
  },
  {
    name: 'nginx: upstream server that is not a service',
    nginx: (n) =>
      n.replace(
        '  upstream app_http {\n    server app-1:3000;\n    server app-2:3000;',
        '  upstream app_http {\n    server app-1:3000;\n    server app-3:3000;',
      ),
    expect: [
      /upstream app_http: "app-3" is not a compose service/,
      /goes to app_http, which leaves out app-2/,
    ],
  },
  {
    name: 'nginx: import body limit too small',
    nginx: (n) => n.replace('client_max_body_size 11m', 'client_max_body_size 1m'),
    expect: [/\(a question bank import .*\): client_max_body_size 1m is below the app's \d+ bytes/],
  },
  {
    name: 'nginx: metrics proxied to the public',
    nginx: (n) => n.replace('    location = /metrics {\n      return 404;\n    }\n', ''),
    expect: [/\(the metrics \/metrics\): proxied/],
  },
];

function writeCase(dir, compose, dockerfile, dockerignore, nginx) {
  writeFileSync(path.join(dir, 'docker-compose.yml'), compose);
  if (dockerfile !== null) writeFileSync(path.join(dir, 'Dockerfile'), dockerfile);
  if (dockerignore !== null) writeFileSync(path.join(dir, '.dockerignore'), dockerignore);
  if (nginx !== null) {
    mkdirSync(path.join(dir, 'deploy', 'nginx'), { recursive: true });
    writeFileSync(path.join(dir, 'deploy', 'nginx', 'nginx.conf'), nginx);
  }
  return path.join(dir, 'docker-compose.yml');
}

function selfTest() {
  let passed = 0;
  let failed = 0;
  const report = (ok, name, detail) => {
    if (ok) passed += 1;
    else failed += 1;
    console.log(`${ok ? 'ok' : 'not ok'} - ${name}${detail ? `: ${detail}` : ''}`);
  };
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'check-compose-'));
  try {
    SELF_TEST_CASES.forEach((tc, k) => {
      const dir = mkdtempSync(path.join(tmp, `case-${k}-`));
      const compose = tc.edit ? tc.edit(FIXTURE_COMPOSE) : FIXTURE_COMPOSE;
      if (tc.edit && compose === FIXTURE_COMPOSE)
        return report(false, tc.name, 'edit did not change the fixture');
      const dockerfile = tc.dockerfile ? tc.dockerfile(FIXTURE_DOCKERFILE) : FIXTURE_DOCKERFILE;
      const dockerignore = tc.dockerignore
        ? tc.dockerignore(FIXTURE_DOCKERIGNORE)
        : FIXTURE_DOCKERIGNORE;
      const nginx = tc.nginx ? tc.nginx(FIXTURE_NGINX) : FIXTURE_NGINX;
      if (tc.nginx && nginx === FIXTURE_NGINX)
        return report(false, tc.name, 'edit did not change the nginx fixture');
      const problems = checkComposeFile(writeCase(dir, compose, dockerfile, dockerignore, nginx));
      if (tc.expect.length === 0) {
        return report(problems.length === 0, tc.name, problems.length ? problems.join(' | ') : '');
      }
      const missing = tc.expect.filter((re) => !problems.some((p) => re.test(p)));
      if (missing.length) {
        return report(
          false,
          tc.name,
          `expected ${missing.join(', ')}; got: ${problems.join(' | ') || 'no problem'}`,
        );
      }
      return report(
        true,
        tc.name,
        `rejected (${problems[0]}${problems.length > 1 ? ` +${problems.length - 1}` : ''})`,
      );
    });

    // End to end through the CLI: a broken copy of the real docker-compose.yml must fail with exit 1.
    if (existsSync(DEFAULT_COMPOSE)) {
      const dir = mkdtempSync(path.join(tmp, 'real-'));
      for (const f of ['Dockerfile', '.dockerignore', 'deploy/nginx/nginx.conf']) {
        const src = path.join(REPO_ROOT, f);
        if (!existsSync(src)) continue;
        mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
        copyFileSync(src, path.join(dir, f));
      }
      const doc = YAML.parseDocument(readFileSync(DEFAULT_COMPOSE, 'utf8'), { merge: true });
      doc.setIn(
        ['services', 'app', 'depends_on'],
        doc.createNode({ ghost: { condition: 'service_started' } }),
      );
      doc.setIn(['services', 'app', 'restart_policy'], 'always');
      const broken = path.join(dir, 'docker-compose.yml');
      writeFileSync(broken, String(doc));
      const run = spawnSync(process.execPath, [SCRIPT, broken], { encoding: 'utf8' });
      const out = `${run.stdout}${run.stderr}`;
      const ok =
        run.status === 1 &&
        out.includes('service "ghost" is not defined') &&
        out.includes('"restart_policy"');
      report(
        ok,
        'CLI exits 1 on a broken copy of docker-compose.yml',
        ok ? '' : `exit ${run.status}: ${out.trim()}`,
      );
    } else {
      report(
        false,
        'CLI exits 1 on a broken copy of docker-compose.yml',
        `${DEFAULT_COMPOSE} not found`,
      );
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

function main(argv) {
  const args = argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log('usage: node scripts/check-compose.mjs [compose-file] | --self-test');
    return 0;
  }
  if (args.includes('--self-test')) return selfTest();
  const file = path.resolve(args[0] ?? DEFAULT_COMPOSE);
  const shown = path.relative(process.cwd(), file) || file;
  const problems = checkComposeFile(file);
  for (const note of notes) console.log(`${shown}: ${note}`);
  if (problems.length === 0) {
    console.log(`${shown}: valid`);
    return 0;
  }
  for (const p of problems) console.log(`${shown}: ${p}`);
  console.log(`${shown}: ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
  return 1;
}

try {
  process.exitCode = main(process.argv);
} catch (err) {
  console.error(`check-compose: ${err?.stack ?? err}`);
  process.exitCode = 2;
}
