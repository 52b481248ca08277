// Fault-injecting HTTP proxy for the CLI tests: sits in front of the FHIR test server on
// 127.0.0.1 and, for a chosen share of requests, injects one kind of fault. Plain Node, no deps.
//
//   node fault-proxy.cjs --upstream http://127.0.0.1:PORT [--port 0] [--fault KIND] [--rate R]
//        [--burst N] [--never-clear] [--match REGEX] [--match-body TEXT] [--delay-ms MS]
//        [--retry-after S] [--counts FILE] [--token-secret-file F] [--token-exempt REGEX]
//        [--smart-token-url URL] [--hold-polls N] [--manifest-add JSON] [--serve-dir DIR]
//        [--requires-token] [--conflicts K]
//
// Fault kinds (--fault, comma-separated for several):
//   reset         the client's connection is destroyed before the request reaches the server
//   429           429 Too Many Requests with `Retry-After: S` (a storm with --burst N)
//   503           503 Service Unavailable without Retry-After
//   slow          the request is held --delay-ms (default 1500) before it is forwarded
//   truncate      the server's response is forwarded with its full Content-Length but only
//                 half of the body, then the connection is destroyed
//   expire-token  401 invalid_token, and the bearer token is revoked from then on (the
//                 client has to mint a new one)
//   409, 412      version conflicts, per resource: a chosen resource (a --rate share of the
//                 resources written, or with --never-clear every one) is refused the first
//                 --conflicts K times (default 1) it is written, always with --never-clear. In a
//                 batch Bundle the proxy takes the refused entries out before forwarding and
//                 puts `response.status: "409 Conflict"` / `"412 Precondition Failed"` entries
//                 with an OperationOutcome (code conflict) in their places in the response, so the
//                 server never sees them; a transaction Bundle (keyed by all its entries) or a
//                 single PUT/POST is answered whole with that status. Several kinds alternate
//                 over the chosen resources. --match-body selects entries (not whole Bundles).
//                 Only POST and PUT are eligible. Counted per entry in faults.409 / faults.412.
// Which requests: those whose "METHOD /path?query" matches --match (default: all) and whose
// body contains --match-body (default: any). Of those, a deterministic share --rate (0..1,
// default 0.25) is faulted, each fault followed by --burst - 1 more (a storm). With
// --never-clear every matching request is faulted, so retries never get through.
//
// Bearer tokens: with --token-secret-file, every request must carry `Authorization: Bearer JWT`
// (HS256 signed with that secret by token-server.cjs, `exp` in the future, not revoked), else
// 401; paths matching --token-exempt (e.g. bulk output files that need no token) are not
// checked, and a request to them that carries Authorization anyway is counted as
// `auth_on_exempt`. With --smart-token-url, GET <any>/.well-known/smart-configuration answers
// with that token endpoint.
//
// Long jobs: with --hold-polls N, the first N polls (GET) of each `$export-status/...` URL are
// answered by the proxy itself: 202, `X-Progress: held by proxy i/N`, `Retry-After: 1`.
//
// Error and deleted files: --manifest-add JSON (a file holding {"error": [...], "deleted":
// [...]} entries whose `url` is a file name) adds those entries to every completed manifest
// passing through, pointing at GET /extra/<name>, which the proxy serves from --serve-dir.
// --requires-token sets `requiresAccessToken: true` in every completed manifest.
//
// The Host header is passed through, so a server that builds URLs from it (Content-Location,
// manifest file URLs, paging links) points clients back at the proxy.
//
// Counts (JSON, rewritten after each request to --counts FILE): requests, forwarded,
// faults per kind, kickoffs ($export), polls and job_deletes ($export-status), downloads
// ($export-file), auth_rejected, auth_on_exempt, statuses (per HTTP status sent).
// Prints "fault proxy listening on http://127.0.0.1:PORT" when ready.
'use strict';
const http = require('node:http');
const crypto = require('node:crypto');
const fs = require('node:fs');

function parseArgs(argv) {
  const opts = { port: 0, faults: [], rate: 0.25, burst: 1, neverClear: false, match: null, matchBody: null,
                 delayMs: 1500, retryAfter: 1, holdPolls: 0, manifestAdd: null, serveDir: null, requiresToken: false, counts: null, tokenSecret: null, tokenExempt: null, smartTokenUrl: null, conflicts: 1 };
  for (let i = 2; i < argv.length; i++) {
    const [arg, inline] = argv[i].startsWith('--') && argv[i].includes('=')
      ? [argv[i].slice(0, argv[i].indexOf('=')), argv[i].slice(argv[i].indexOf('=') + 1)] : [argv[i], undefined];
    const next = () => {
      if (inline !== undefined) return inline;
      if (i + 1 >= argv.length) usage(`${arg} needs a value`);
      return argv[++i];
    };
    switch (arg) {
      case '--upstream': opts.upstream = new URL(next()); break;
      case '--port': opts.port = Number(next()); break;
      case '--fault': opts.faults = next().split(',').filter(Boolean); break;
      case '--rate': opts.rate = Number(next()); break;
      case '--burst': opts.burst = Number(next()); break;
      case '--never-clear': opts.neverClear = true; break;
      case '--match': opts.match = new RegExp(next()); break;
      case '--match-body': opts.matchBody = next(); break;
      case '--delay-ms': opts.delayMs = Number(next()); break;
      case '--retry-after': opts.retryAfter = Number(next()); break;
      case '--counts': opts.counts = next(); break;
      case '--token-secret-file': opts.tokenSecret = fs.readFileSync(next()); break;
      case '--token-exempt': opts.tokenExempt = new RegExp(next()); break;
      case '--smart-token-url': opts.smartTokenUrl = next(); break;
      case '--hold-polls': opts.holdPolls = Number(next()); break;
      case '--manifest-add': opts.manifestAdd = JSON.parse(fs.readFileSync(next(), 'utf8')); break;
      case '--serve-dir': opts.serveDir = next(); break;
      case '--requires-token': opts.requiresToken = true; break;
      case '--conflicts': opts.conflicts = Number(next()); break;
      default: usage(`unknown argument ${arg}`);
    }
  }
  if (!opts.upstream) usage('--upstream is required');
  const kinds = ['reset', '429', '503', 'slow', 'truncate', 'expire-token', '409', '412'];
  for (const kind of opts.faults) if (!kinds.includes(kind)) usage(`unknown fault kind ${kind} (one of ${kinds.join(', ')})`);
  opts.conflictKinds = opts.faults.filter((kind) => kind === '409' || kind === '412');
  opts.faults = opts.faults.filter((kind) => !opts.conflictKinds.includes(kind));
  return opts;
}

function usage(message) {
  console.error(`fault-proxy: ${message}`);
  process.exit(2);
}

const opts = parseArgs(process.argv);
const counts = { requests: 0, forwarded: 0, faults: {}, kickoffs: 0, polls: 0, job_deletes: 0, downloads: 0,
                 auth_rejected: 0, auth_on_exempt: 0, statuses: {} };
const revoked = new Set();
const heldPolls = new Map();  // status path -> polls answered by the proxy
let eligibleSeen = 0;
let stormLeft = 0;

function saveCounts() {
  if (!opts.counts) return;
  fs.writeFileSync(opts.counts + '.tmp', JSON.stringify(counts, null, 1));
  fs.renameSync(opts.counts + '.tmp', opts.counts);
}

function countKind(kind) { counts.faults[kind] = (counts.faults[kind] ?? 0) + 1; }

function countBulk(method, path) {
  if (/\/\$export$/.test(path) && (method === 'GET' || method === 'POST')) counts.kickoffs++;
  else if (/\/\$export-status\//.test(path)) method === 'DELETE' ? counts.job_deletes++ : counts.polls++;
  else if (/\/\$export-file\//.test(path)) counts.downloads++;
}

/// The fault kind for this request, or null: deterministic, evenly spread at `rate`.
function pickFault(line, body) {
  if (!opts.faults.length) return null;
  if (opts.match && !opts.match.test(line)) return null;
  if (opts.matchBody && !body.includes(opts.matchBody)) return null;
  const index = eligibleSeen++;
  const kind = opts.faults[index % opts.faults.length];
  if (opts.neverClear) return kind;
  if (stormLeft > 0) { stormLeft--; return kind; }
  if (Math.floor((index + 1) * opts.rate) > Math.floor(index * opts.rate)) {
    stormLeft = opts.burst - 1;
    return kind;
  }
  return null;
}

function b64url(buffer) { return Buffer.from(buffer).toString('base64url'); }

/// Checks an HS256 JWT from token-server.cjs: signature, exp, not revoked. Returns "" or why not.
function tokenProblem(header) {
  const match = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(header ?? '');
  if (!match) return 'missing bearer token';
  const expected = b64url(crypto.createHmac('sha256', opts.tokenSecret).update(`${match[1]}.${match[2]}`).digest());
  if (expected.length !== match[3].length || !crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(match[3])))
    return 'bad token signature';
  const claims = JSON.parse(Buffer.from(match[2], 'base64url').toString());
  if (!(claims.exp > Date.now() / 1000)) return 'token expired';
  if (revoked.has(claims.jti)) return 'token revoked';
  return '';
}

function tokenJti(header) {
  const parts = (header ?? '').replace(/^Bearer /, '').split('.');
  try { return JSON.parse(Buffer.from(parts[1], 'base64url').toString()).jti; } catch { return undefined; }
}

function reply(res, status, text, headers = {}) {
  counts.statuses[status] = (counts.statuses[status] ?? 0) + 1;
  const body = JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'transient', diagnostics: text }] });
  res.writeHead(status, { 'Content-Type': 'application/fhir+json', ...headers });
  res.end(body);
}

function forward(req, res, body, truncate, transform = null) {
  counts.forwarded++;
  const upstream = http.request({
    host: opts.upstream.hostname, port: opts.upstream.port, method: req.method, path: req.url,
    headers: { ...req.headers, 'content-length': String(body.length) },
  }, (upRes) => {
    const chunks = [];
    upRes.on('data', (chunk) => chunks.push(chunk));
    upRes.on('end', () => {
      let data = Buffer.concat(chunks);
      if ((opts.manifestAdd || opts.requiresToken) && upRes.statusCode === 200 && /\/\$export-status\//.test(req.url))
        data = addToManifest(data, req);
      if (transform) data = transform(data, upRes.statusCode);
      const headers = { ...upRes.headers, 'content-length': String(data.length) };
      delete headers['transfer-encoding'];
      counts.statuses[upRes.statusCode] = (counts.statuses[upRes.statusCode] ?? 0) + 1;
      saveCounts();
      res.writeHead(upRes.statusCode, headers);
      if (!truncate || data.length < 2) return res.end(data);
      res.write(data.subarray(0, Math.floor(data.length / 2)), () => res.socket?.destroy());
    });
  });
  upstream.on('error', () => reply(res, 502, 'upstream unreachable'));
  upstream.end(body);
}

/// The manifest with the --manifest-add entries appended, their URLs served by this proxy.
function addToManifest(data, req) {
  const manifest = JSON.parse(data.toString('utf8'));
  if (opts.requiresToken) manifest.requiresAccessToken = true;
  for (const kind of ['error', 'deleted']) {
    for (const entry of opts.manifestAdd?.[kind] ?? [])
      (manifest[kind] ??= []).push({ ...entry, url: `http://${req.headers.host}/extra/${entry.url}` });
  }
  return Buffer.from(JSON.stringify(manifest));
}

function serveExtra(res, name) {
  counts.downloads++;
  const file = `${opts.serveDir}/${name.replace(/[^A-Za-z0-9._-]/g, '')}`;
  if (!fs.existsSync(file)) return reply(res, 404, 'no such file');
  counts.statuses[200] = (counts.statuses[200] ?? 0) + 1;
  res.writeHead(200, { 'Content-Type': 'application/fhir+ndjson' });
  res.end(fs.readFileSync(file));
}

function smartConfiguration(res) {
  counts.statuses[200] = (counts.statuses[200] ?? 0) + 1;
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({
    token_endpoint: opts.smartTokenUrl,
    grant_types_supported: ['client_credentials'],
    token_endpoint_auth_methods_supported: ['private_key_jwt', 'client_secret_basic', 'client_secret_post'],
    token_endpoint_auth_signing_alg_values_supported: ['RS384', 'ES384'],
    scopes_supported: ['system/*.read', 'system/*.write'],
    capabilities: ['client-confidential-asymmetric'],
  }));
}

// Conflict faults (409, 412): which resources, and how often each has been refused.
const conflictChoice = new Map();   // resource key -> kind, or null when not chosen
const conflictsSent = new Map();    // resource key -> times refused
let conflictResources = 0;
let conflictChosen = 0;
const CONFLICT_TEXT = { 409: '409 Conflict', 412: '412 Precondition Failed' };

/// The conflict kind to answer for this write of resource `key`, or null.
function conflictFor(key) {
  if (!conflictChoice.has(key)) {
    const index = conflictResources++;
    const chosen = opts.neverClear || Math.floor((index + 1) * opts.rate) > Math.floor(index * opts.rate);
    conflictChoice.set(key, chosen ? opts.conflictKinds[conflictChosen++ % opts.conflictKinds.length] : null);
  }
  const kind = conflictChoice.get(key);
  const sent = conflictsSent.get(key) ?? 0;
  if (!kind || (!opts.neverClear && sent >= opts.conflicts)) return null;
  conflictsSent.set(key, sent + 1);
  countKind(kind);
  return kind;
}

function conflictOutcome(kind) {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'conflict',
    diagnostics: kind === '409' ? 'version conflict (injected by the fault proxy)' : 'precondition failed (injected by the fault proxy)' }] };
}

function entryKey(entry) {
  const request = entry.request ?? {};
  const which = request.ifNoneExist ?? (request.method === 'POST' ? crypto.createHash('sha256').update(JSON.stringify(entry.resource ?? null)).digest('hex') : '');
  return `${request.method} ${request.url} ${which}`;
}

/// Handles a POST/PUT under the conflict faults; true when it answered or forwarded.
function handleConflicts(req, res, body) {
  if (!['POST', 'PUT'].includes(req.method) || (opts.match && !opts.match.test(`${req.method} ${req.url}`))) return false;
  let parsed = null;
  try { parsed = JSON.parse(body.toString('utf8')); } catch { /* not JSON: keyed by its path */ }
  const bundle = parsed?.resourceType === 'Bundle' && ['batch', 'transaction'].includes(parsed.type) ? parsed : null;
  const selected = (text) => !opts.matchBody || text.includes(opts.matchBody);
  if (!bundle || bundle.type === 'transaction') {
    if (!selected(body.toString('utf8'))) return false;
    const key = bundle ? (bundle.entry ?? []).map(entryKey).join('\n') : `${req.method} ${req.url.split('?')[0]}`;
    const kind = conflictFor(key);
    if (!kind) return false;
    counts.statuses[kind] = (counts.statuses[kind] ?? 0) + 1;
    res.writeHead(Number(kind), { 'Content-Type': 'application/fhir+json' });
    res.end(JSON.stringify(conflictOutcome(kind)));
    return true;
  }
  const entries = bundle.entry ?? [];
  const refused = entries.map((entry) => (selected(JSON.stringify(entry)) ? conflictFor(entryKey(entry)) : null));
  if (!refused.some(Boolean)) return false;
  const refusedEntry = (kind) => ({ response: { status: CONFLICT_TEXT[kind], outcome: conflictOutcome(kind) } });
  const kept = entries.filter((_, i) => !refused[i]);
  const merge = (answered) => entries.map((_, i) => (refused[i] ? refusedEntry(refused[i]) : answered.shift()));
  const responseBundle = (answered) => ({ resourceType: 'Bundle', type: 'batch-response', entry: merge(answered) });
  if (!kept.length) {
    counts.statuses[200] = (counts.statuses[200] ?? 0) + 1;
    res.writeHead(200, { 'Content-Type': 'application/fhir+json' });
    res.end(JSON.stringify(responseBundle([])));
    return true;
  }
  forward(req, res, Buffer.from(JSON.stringify({ ...bundle, entry: kept })), false, (data, status) => {
    if (status !== 200) return data;
    const upstream = JSON.parse(data.toString('utf8'));
    return Buffer.from(JSON.stringify({ ...upstream, entry: merge([...(upstream.entry ?? [])]) }));
  });
  return true;
}

function handle(req, res, body) {
  counts.requests++;
  const path = req.url.split('?')[0];
  countBulk(req.method, path);
  if (opts.smartTokenUrl && req.method === 'GET' && path.endsWith('/.well-known/smart-configuration'))
    return smartConfiguration(res);
  if (opts.serveDir && req.method === 'GET' && path.startsWith('/extra/')) return serveExtra(res, path.slice(7));
  if (opts.conflictKinds.length && handleConflicts(req, res, body)) return undefined;
  const kind = pickFault(`${req.method} ${req.url}`, body.toString('utf8'));
  if (kind && kind !== 'expire-token') countKind(kind);  // expire-token counts only where a token is checked
  if (kind === 'reset') return req.socket.destroy();
  if (kind === '429') return reply(res, 429, 'rate limited', { 'Retry-After': String(opts.retryAfter) });
  if (kind === '503') return reply(res, 503, 'unavailable');
  if (opts.tokenSecret) {
    const exempt = opts.tokenExempt && opts.tokenExempt.test(path);
    if (exempt && req.headers.authorization) counts.auth_on_exempt++;
    if (!exempt) {
      const problem = tokenProblem(req.headers.authorization);
      if (problem || kind === 'expire-token') {
        if (!problem) {
          revoked.add(tokenJti(req.headers.authorization));
          countKind(kind);
        }
        counts.auth_rejected++;
        return reply(res, 401, problem || 'token expired', { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
      }
    }
  } else if (kind === 'expire-token') {
    countKind(kind);
    return reply(res, 401, 'token expired', { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
  }
  if (opts.holdPolls && req.method === 'GET' && /\/\$export-status\//.test(path)) {
    const held = heldPolls.get(path) ?? 0;
    if (held < opts.holdPolls) {
      heldPolls.set(path, held + 1);
      counts.statuses[202] = (counts.statuses[202] ?? 0) + 1;
      res.writeHead(202, { 'X-Progress': `held by proxy ${held + 1}/${opts.holdPolls}`, 'Retry-After': '1' });
      return res.end();
    }
  }
  if (kind === 'slow') return setTimeout(() => forward(req, res, body, false), opts.delayMs);
  forward(req, res, body, kind === 'truncate');
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    try {
      handle(req, res, Buffer.concat(chunks));
    } catch (err) {
      reply(res, 500, `proxy error: ${err.message}`);
    }
    saveCounts();
  });
});
server.keepAliveTimeout = 30000;

server.listen(opts.port, '127.0.0.1', () => {
  saveCounts();
  console.log(`fault proxy listening on http://127.0.0.1:${server.address().port}`);
});
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => { saveCounts(); process.exit(0); });
