#!/usr/bin/env node
// gcs-fake.cjs -- a small in-memory stand-in for the Google Cloud Storage JSON API, for
// tests only (no GCS emulator can be installed here). Node built-ins only, 127.0.0.1 only.
//
// Implements, as documented at cloud.google.com/storage/docs/json_api:
//   GET    /storage/v1/b/B/o?prefix=&maxResults=&pageToken=    objects.list (paged, sorted by name)
//   GET    /storage/v1/b/B/o/NAME                              objects.get metadata
//   GET    /storage/v1/b/B/o/NAME?alt=media  [Range: bytes=]   media download (206 for ranges)
//   DELETE /storage/v1/b/B/o/NAME                              objects.delete (204)
//   POST   /upload/storage/v1/b/B/o?uploadType=resumable&name=NAME[&ifGenerationMatch=0]
//          body: JSON metadata (may carry crc32c / md5Hash)   -> 200, Location: session URI
//   PUT    <session URI>  Content-Range: bytes A-B/*|TOTAL    a chunk: 308 + Range: bytes=0-N
//          (non-final chunks must be multiples of 256 KiB), or the last one: 200 + metadata
//   PUT    <session URI>  Content-Range: bytes */TOTAL|*      status query: 308 (+ Range) or 200
//   DELETE <session URI>                                      cancel: 499
//   POST   /upload/storage/v1/b/B/o?uploadType=media&name=N    simple upload
// Conditional create: ifGenerationMatch=0 and an existing object -> 412. A crc32c or
// md5Hash in the metadata that does not match the bytes -> 400, nothing stored.
// Every request needs `Authorization: Bearer <token>` with the token given on the command
// line (else 401, like GCS). With TOKEN `hs256:FILE` instead, the bearer must be a JWT that
// token-server.cjs minted (HS256 signed with the contents of FILE, its --secret-file) and
// that has not expired (`exp`), as Google's tokens from a service-account key. Buckets
// exist when first named.
//
// Usage: node gcs-fake.cjs TOKEN|hs256:FILE [PORT] [REQUEST_LOG]
// Prints `GCS fake listening on http://127.0.0.1:PORT`. With REQUEST_LOG, appends one line
// per request: `METHOD PATH STATUS CONTENT_RANGE` (no query; `-` without Content-Range),
// so tests can count requests and chunks. GCS_FAKE_DELAY_MS delays every response (to
// slow an upload down enough to kill it midway).
'use strict';
const http = require('node:http');
const crypto = require('node:crypto');
const fs = require('node:fs');

const [token, portArg, logFile] = process.argv.slice(2);
const DELAY_MS = Number(process.env.GCS_FAKE_DELAY_MS ?? 0);
if (!token) { console.error('usage: node gcs-fake.cjs TOKEN|hs256:FILE [PORT] [REQUEST_LOG]'); process.exit(2); }
const tokenSecret = token.startsWith('hs256:') ? fs.readFileSync(token.slice('hs256:'.length)) : null;

/// True when the Authorization header carries the token this fake accepts.
function authorized(header) {
  if (!tokenSecret) return header === `Bearer ${token}`;
  const match = /^Bearer ([\w-]+)\.([\w-]+)\.([\w-]+)$/.exec(header ?? '');
  if (!match) return false;
  const expected = crypto.createHmac('sha256', tokenSecret).update(`${match[1]}.${match[2]}`).digest('base64url');
  if (expected.length !== match[3].length || !crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(match[3]))) return false;
  try {
    return JSON.parse(Buffer.from(match[2], 'base64url').toString('utf8')).exp > Date.now() / 1000;
  } catch {
    return false;
  }
}
const CHUNK_GRANULE = 256 * 1024;
const buckets = new Map();   // bucket -> Map(name -> {data, generation, updated})
const sessions = new Map();  // upload_id -> {bucket, name, meta, parts: Buffer[], size, ifGenerationMatch}
let generation = 1;

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();
function crc32c(buf) {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  const out = Buffer.alloc(4);
  out.writeUInt32BE((c ^ 0xffffffff) >>> 0);
  return out.toString('base64');
}
function bucket(name) {
  if (!buckets.has(name)) buckets.set(name, new Map());
  return buckets.get(name);
}
function metadata(bucketName, name, obj) {
  return {
    kind: 'storage#object', bucket: bucketName, name, size: String(obj.data.length),
    generation: String(obj.generation), updated: obj.updated,
    md5Hash: crypto.createHash('md5').update(obj.data).digest('base64'), crc32c: crc32c(obj.data),
  };
}
function json(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
function error(res, status, message) { json(res, status, { error: { code: status, message } }); }

function list(res, bucketName, q) {
  const prefix = q.get('prefix') ?? '';
  const max = Math.max(1, Math.min(1000, Number(q.get('maxResults') ?? 1000)));
  const after = q.get('pageToken') ? Buffer.from(q.get('pageToken'), 'base64').toString() : null;
  const names = [...bucket(bucketName).keys()].filter((n) => n.startsWith(prefix) && (after === null || n > after)).sort();
  const page = names.slice(0, max);
  const body = { kind: 'storage#objects', items: page.map((n) => metadata(bucketName, n, bucket(bucketName).get(n))) };
  if (names.length > max) body.nextPageToken = Buffer.from(page[page.length - 1]).toString('base64');
  json(res, 200, body);
}

function get(req, res, bucketName, name, q) {
  const obj = bucket(bucketName).get(name);
  if (!obj) return error(res, 404, 'No such object');
  if (q.get('alt') !== 'media') return json(res, 200, metadata(bucketName, name, obj));
  const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
  if (!range) {
    res.writeHead(200, { 'Content-Length': obj.data.length, 'x-goog-hash': `crc32c=${crc32c(obj.data)}` });
    return res.end(obj.data);
  }
  const start = Number(range[1]);
  const end = range[2] === '' ? obj.data.length - 1 : Math.min(Number(range[2]), obj.data.length - 1);
  if (start >= obj.data.length) return error(res, 416, 'Requested range not satisfiable');
  res.writeHead(206, { 'Content-Length': end - start + 1, 'Content-Range': `bytes ${start}-${end}/${obj.data.length}` });
  res.end(obj.data.subarray(start, end + 1));
}

// Stores an upload's bytes unless a precondition or a checksum fails; answers like GCS.
function finish(res, bucketName, name, data, meta, ifGenerationMatch) {
  const objects = bucket(bucketName);
  if (ifGenerationMatch === '0' && objects.has(name)) return error(res, 412, 'Precondition Failed');
  if (meta.crc32c && meta.crc32c !== crc32c(data)) return error(res, 400, 'Provided CRC32C does not match');
  if (meta.md5Hash && meta.md5Hash !== crypto.createHash('md5').update(data).digest('base64')) {
    return error(res, 400, 'Provided MD5 hash does not match');
  }
  const obj = { data, generation: generation++, updated: new Date().toISOString() };
  objects.set(name, obj);
  json(res, 200, metadata(bucketName, name, obj));
}

function startResumable(req, res, bucketName, q, body) {
  let meta = {};
  try { meta = body.length ? JSON.parse(body.toString()) : {}; } catch { return error(res, 400, 'Bad metadata JSON'); }
  const name = q.get('name') ?? meta.name;
  if (!name) return error(res, 400, 'Required object name');
  if (q.get('ifGenerationMatch') === '0' && bucket(bucketName).has(name)) return error(res, 412, 'Precondition Failed');
  const id = crypto.randomBytes(12).toString('hex');
  sessions.set(id, { bucket: bucketName, name, meta, parts: [], size: 0, ifGenerationMatch: q.get('ifGenerationMatch') });
  const location = `http://${req.headers.host}/upload/storage/v1/b/${encodeURIComponent(bucketName)}/o?uploadType=resumable&upload_id=${id}`;
  res.writeHead(200, { Location: location, 'Content-Length': 0 });
  res.end();
}

function incomplete(res, session) {
  const headers = session.size > 0 ? { Range: `bytes=0-${session.size - 1}` } : {};
  res.writeHead(308, 'Resume Incomplete', { ...headers, 'Content-Length': 0 });
  res.end();
}

function putChunk(req, res, id, body) {
  const session = sessions.get(id);
  if (!session) return error(res, 404, 'No such upload session');
  const cr = /^bytes (?:(\d+)-(\d+)|\*)\/(\d+|\*)$/.exec(req.headers['content-range'] ?? '');
  if (!cr && req.headers['content-range'] === undefined) {  // the whole object in one PUT
    session.parts.push(body); session.size += body.length;
    return done(res, session, id);
  }
  if (!cr) return error(res, 400, 'Bad Content-Range');
  const total = cr[3] === '*' ? null : Number(cr[3]);
  if (cr[1] === undefined) {  // status query
    if (total !== null && total === session.size) return done(res, session, id);
    return incomplete(res, session);
  }
  const start = Number(cr[1]); const end = Number(cr[2]);
  if (end - start + 1 !== body.length) return error(res, 400, 'Content-Range does not match the body length');
  if (start > session.size) return error(res, 400, `Chunk starts at ${start}, but ${session.size} bytes were received`);
  const fresh = body.subarray(session.size - start);  // a resent chunk may overlap what we hold
  const last = total !== null && end + 1 === total;
  if (!last && (end + 1) % CHUNK_GRANULE !== 0) return error(res, 400, 'Non-final chunk is not a multiple of 256 KiB');
  session.parts.push(fresh); session.size += fresh.length;
  if (last) return done(res, session, id);
  incomplete(res, session);
}

function done(res, session, id) {
  sessions.delete(id);
  finish(res, session.bucket, session.name, Buffer.concat(session.parts), session.meta, session.ifGenerationMatch);
}

function route(req, res, body) {
  if (!authorized(req.headers.authorization)) {
    return error(res, 401, 'Invalid Credentials');
  }
  const url = new URL(req.url, 'http://x');
  const q = url.searchParams;
  let m = /^\/storage\/v1\/b\/([^/]+)\/o(?:\/(.+))?$/.exec(url.pathname);
  if (m) {
    const b = decodeURIComponent(m[1]);
    if (m[2] === undefined && req.method === 'GET') return list(res, b, q);
    const name = m[2] === undefined ? null : decodeURIComponent(m[2]);
    if (name !== null && req.method === 'GET') return get(req, res, b, name, q);
    if (name !== null && req.method === 'DELETE') {
      if (!bucket(b).delete(name)) return error(res, 404, 'No such object');
      res.writeHead(204); return res.end();
    }
  }
  m = /^\/upload\/storage\/v1\/b\/([^/]+)\/o$/.exec(url.pathname);
  if (m) {
    const b = decodeURIComponent(m[1]);
    if (req.method === 'POST' && q.get('uploadType') === 'resumable') return startResumable(req, res, b, q, body);
    if (req.method === 'POST' && q.get('uploadType') === 'media') {
      return finish(res, b, q.get('name'), body, {}, q.get('ifGenerationMatch'));
    }
    if (req.method === 'PUT' && q.get('upload_id')) return putChunk(req, res, q.get('upload_id'), body);
    if (req.method === 'DELETE' && q.get('upload_id')) {
      sessions.delete(q.get('upload_id'));
      res.writeHead(499); return res.end();
    }
  }
  error(res, 404, 'Not Found');
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    setTimeout(() => {
      route(req, res, Buffer.concat(chunks));  // logged once handled, even if the client is gone
      const range = req.headers['content-range'] ?? '-';
      if (logFile) fs.appendFileSync(logFile, `${req.method} ${req.url.split('?')[0]} ${res.statusCode} ${range}\n`);
    }, DELAY_MS);
  });
});
server.listen(Number(portArg ?? 0), '127.0.0.1', () => {
  console.log(`GCS fake listening on http://127.0.0.1:${server.address().port}`);
});
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => process.exit(0));
