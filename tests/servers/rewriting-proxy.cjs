// A rewriting HTTP proxy for `ferry evaluate`'s fidelity test: it relays every request to
// an upstream FHIR server unchanged and, in the JSON bodies of GET responses, does to each
// resource (a resource body or the entries of a Bundle) what a careless provider might:
//   - drops the extension whose url is DROP_EXTENSION (top-level `extension` only),
//   - rounds the decimal 1.50 to 1.5 (number tokens written exactly `1.50`),
//   - renames the id to `x-<id>`,
//   - strips meta.lastUpdated.
// Numbers are kept as the text they arrived as (a small JSON parser of its own), so
// nothing else changes. Plain Node, no dependencies. Test use only.
//
// Usage: node rewriting-proxy.cjs UPSTREAM_BASE_URL [PORT]
//   prints "rewriting proxy listening on http://127.0.0.1:PORT<upstream path>"
// Environment: DROP_EXTENSION (default the mothersMaidenName extension of ferry evaluate's probe patient)
'use strict';
const http = require('node:http');

const upstream = new URL(process.argv[2]);
const port = Number(process.argv[3] ?? 0);
const DROP_EXTENSION = process.env.DROP_EXTENSION ?? 'http://hl7.org/fhir/StructureDefinition/patient-mothersMaidenName';
const CONTAINERS = new Set(['Bundle', 'CapabilityStatement', 'OperationOutcome']);

class Num { constructor(text) { this.text = text; } }

// JSON with numbers as Num(text).
function parse(text) {
  let at = 0;
  const ws = () => { while (/\s/.test(text[at] ?? '')) at++; };
  const value = () => {
    ws();
    const c = text[at];
    if (c === '{') {
      at++; const out = {}; ws();
      if (text[at] === '}') { at++; return out; }
      for (;;) {
        ws(); const key = string(); ws(); at++; /* : */ out[key] = value(); ws();
        if (text[at++] === '}') return out;
      }
    }
    if (c === '[') {
      at++; const out = []; ws();
      if (text[at] === ']') { at++; return out; }
      for (;;) { out.push(value()); ws(); if (text[at++] === ']') return out; }
    }
    if (c === '"') return string();
    const m = /^(-?\d+(\.\d+)?([eE][-+]?\d+)?|true|false|null)/.exec(text.slice(at, at + 64));
    if (!m) throw new Error(`bad JSON at ${at}`);
    at += m[0].length;
    if (m[0] === 'true') return true;
    if (m[0] === 'false') return false;
    if (m[0] === 'null') return null;
    return new Num(m[0]);
  };
  const string = () => {
    const start = at++;
    while (text[at] !== '"') at += text[at] === '\\' ? 2 : 1;
    at++;
    return JSON.parse(text.slice(start, at));
  };
  return value();
}

function stringify(v) {
  if (v instanceof Num) return v.text;
  if (Array.isArray(v)) return '[' + v.map(stringify).join(',') + ']';
  if (v && typeof v === 'object') return '{' + Object.entries(v).map(([k, x]) => JSON.stringify(k) + ':' + stringify(x)).join(',') + '}';
  return JSON.stringify(v);
}

function roundDecimals(v) {
  if (Array.isArray(v)) return v.map(roundDecimals);
  if (v instanceof Num) return v.text === '1.50' ? new Num('1.5') : v;
  if (v && typeof v === 'object') { for (const k of Object.keys(v)) v[k] = roundDecimals(v[k]); }
  return v;
}

function rewriteResource(r) {
  if (!r || typeof r !== 'object' || CONTAINERS.has(r.resourceType)) return r;
  if (Array.isArray(r.extension)) {
    r.extension = r.extension.filter((e) => e.url !== DROP_EXTENSION);
    if (!r.extension.length) delete r.extension;
  }
  if (typeof r.id === 'string') r.id = 'x-' + r.id;
  if (r.meta) delete r.meta.lastUpdated;
  return roundDecimals(r);
}

function rewrite(body) {
  const doc = parse(body);
  if (doc?.resourceType === 'Bundle') {
    for (const e of doc.entry ?? []) e.resource = rewriteResource(e.resource);
    return stringify(doc);
  }
  return stringify(rewriteResource(doc));
}

const server = http.createServer((req, res) => {
  const target = new URL(req.url, upstream);
  const headers = { ...req.headers, host: upstream.host };
  const out = http.request(target, { method: req.method, headers }, (up) => {
    const chunks = [];
    up.on('data', (c) => chunks.push(c));
    up.on('end', () => {
      let body = Buffer.concat(chunks);
      const type = up.headers['content-type'] ?? '';
      if (req.method === 'GET' && /json/.test(type) && !/ndjson/.test(type) && body.length) body = Buffer.from(rewrite(body.toString('utf8')));
      const h = { ...up.headers };
      delete h['transfer-encoding'];
      // links in the body name the upstream; point them at the proxy
      const text = body.toString('utf8').split(`http://${upstream.host}`).join(`http://${req.headers.host}`);
      body = Buffer.from(text);
      h['content-length'] = String(body.length);
      res.writeHead(up.statusCode, h);
      res.end(body);
    });
  });
  out.on('error', (e) => { res.writeHead(502); res.end(String(e)); });
  req.pipe(out);
});
server.listen(port, '127.0.0.1', () => {
  console.log(`rewriting proxy listening on http://127.0.0.1:${server.address().port}${upstream.pathname.replace(/\/$/, '')}`);
});
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => process.exit(0));
