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
 *
 * Prints "<file>: valid", or one line per problem and exits 1. Exit 2: the checker itself failed.
 */
import { spawnSync } from 'node:child_process';
import console from 'node:console';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const require = createRequire(import.meta.url);
const SCRIPT = fileURLToPath(import.meta.url);
const REPO_ROOT = path.resolve(path.dirname(SCRIPT), '..');
const SCHEMA_PATH = path.join(REPO_ROOT, 'scripts', 'compose', 'compose-spec.schema.json');
const DEFAULT_COMPOSE = path.join(REPO_ROOT, 'docker-compose.yml');

/** Services that must define a healthcheck in the compose file. */
const REQUIRED_HEALTHCHECKS = ['db', 'app'];

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
const schemaNotes = [];

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
    schemaNotes.push(`note: schema format "${name}" is not checked`);
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
volumes:
  db-data:
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
    edit: (c) => c.replace('volumes:\n  db-data:\n', ''),
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
];

function writeCase(dir, compose, dockerfile, dockerignore) {
  writeFileSync(path.join(dir, 'docker-compose.yml'), compose);
  if (dockerfile !== null) writeFileSync(path.join(dir, 'Dockerfile'), dockerfile);
  if (dockerignore !== null) writeFileSync(path.join(dir, '.dockerignore'), dockerignore);
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
      const problems = checkComposeFile(writeCase(dir, compose, dockerfile, dockerignore));
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
      for (const f of ['Dockerfile', '.dockerignore']) {
        const src = path.join(REPO_ROOT, f);
        if (existsSync(src)) copyFileSync(src, path.join(dir, f));
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
  for (const note of schemaNotes) console.log(`${shown}: ${note}`);
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
