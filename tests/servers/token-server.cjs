// OAuth2 token endpoint for the CLI tests, on 127.0.0.1. Plain Node crypto, no deps.
//
//   node token-server.cjs --secret-file F [--port 0] [--lifetime S] [--client-id ID]
//        [--client-secret-file F] [--public-key PEM] [--counts FILE] [--issued-log FILE]
//        [--azure-tenant T]
//
// POST /token (application/x-www-form-urlencoded), grant_type=client_credentials, with either
//   - a client secret (HTTP Basic, or client_id + client_secret in the form) equal to the
//     contents of --client-secret-file, or
//   - a SMART Backend Services client assertion (client_assertion_type =
//     urn:ietf:params:oauth:client-assertion-type:jwt-bearer): a JWT signed RS384 or ES384
//     whose signature verifies with --public-key, iss = sub = --client-id, aud = this
//     endpoint's URL, exp in the future and at most 5 minutes ahead, jti not seen before;
// or, grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer (RFC 7523, Google service
// accounts), an `assertion` JWT signed RS256 that verifies with --public-key, iss = the
// --client-id (the key's client_email), aud = this endpoint's URL, a scope, iat <= now < exp
// and exp - iat <= 3600 (Google's rules for service-account assertions).
// Answers {access_token, token_type: "bearer", expires_in: --lifetime (default 300), scope}.
// The access token is a JWT signed HS256 with --secret-file (fault-proxy.cjs checks it with
// the same file; so does gcs-fake.cjs), `iat` = `nbf` = now, `exp` = now + lifetime (with a
// fraction of a second). With
// --azure-tenant T it also carries what Azurite's `--oauth basic` checks of an Entra ID
// token: iss = https://sts.windows.net/T/ and aud = the scope's resource (the scope without
// `/.default`, e.g. https://storage.azure.com). Anything else: 400/401 {error, error_description}.
// GET /.well-known/smart-configuration names the token endpoint.
//
// Counts (JSON, rewritten after each request to --counts FILE): issued, rejected per reason.
// --issued-log FILE gets every access token issued, one a line (canary tests grep for them).
// Prints "token server listening on http://127.0.0.1:PORT" when ready.
'use strict';
const http = require('node:http');
const crypto = require('node:crypto');
const fs = require('node:fs');

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

function parseArgs(argv) {
  const opts = { port: 0, lifetime: 300, clientId: 'ferry', clientSecret: null, publicKey: null, counts: null, issuedLog: null, azureTenant: null };
  for (let i = 2; i < argv.length; i++) {
    const [arg, inline] = argv[i].startsWith('--') && argv[i].includes('=')
      ? [argv[i].slice(0, argv[i].indexOf('=')), argv[i].slice(argv[i].indexOf('=') + 1)] : [argv[i], undefined];
    const next = () => {
      if (inline !== undefined) return inline;
      if (i + 1 >= argv.length) usage(`${arg} needs a value`);
      return argv[++i];
    };
    switch (arg) {
      case '--port': opts.port = Number(next()); break;
      case '--lifetime': opts.lifetime = Number(next()); break;
      case '--client-id': opts.clientId = next(); break;
      case '--client-secret-file': opts.clientSecret = fs.readFileSync(next(), 'utf8').trim(); break;
      case '--public-key': opts.publicKey = crypto.createPublicKey(fs.readFileSync(next())); break;
      case '--secret-file': opts.secret = fs.readFileSync(next()); break;
      case '--counts': opts.counts = next(); break;
      case '--issued-log': opts.issuedLog = next(); break;
      case '--azure-tenant': opts.azureTenant = next(); break;
      default: usage(`unknown argument ${arg}`);
    }
  }
  if (!opts.secret) usage('--secret-file is required');
  return opts;
}

function usage(message) {
  console.error(`token-server: ${message}`);
  process.exit(2);
}

const opts = parseArgs(process.argv);
const counts = { issued: 0, rejected: {} };
const seenJti = new Set();
let tokenUrl = '';

function saveCounts() {
  if (!opts.counts) return;
  fs.writeFileSync(opts.counts + '.tmp', JSON.stringify(counts, null, 1));
  fs.renameSync(opts.counts + '.tmp', opts.counts);
}

class Rejection extends Error {
  constructor(status, error, reason) { super(reason); this.status = status; this.error = error; }
}
const reject = (reason, status = 401, error = 'invalid_client') => { throw new Rejection(status, error, reason); };

function decodePart(part) {
  try { return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')); } catch { return reject('malformed JWT'); }
}

/// Checks a SMART backend client assertion; returns the client id.
function checkAssertion(jwt) {
  if (!opts.publicKey) reject('client assertions are not configured');
  const parts = (jwt ?? '').split('.');
  if (parts.length !== 3) reject('malformed JWT');
  const header = decodePart(parts[0]);
  const claims = decodePart(parts[1]);
  const signature = Buffer.from(parts[2], 'base64url');
  const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
  let valid = false;
  if (header.alg === 'RS384') valid = crypto.verify('sha384', signed, opts.publicKey, signature);
  else if (header.alg === 'ES384') valid = crypto.verify('sha384', signed, { key: opts.publicKey, dsaEncoding: 'ieee-p1363' }, signature);
  else reject(`unsupported alg ${header.alg}`);
  if (!valid) reject('bad signature');
  if (claims.iss !== opts.clientId || claims.sub !== opts.clientId) reject('iss/sub is not the client id');
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(tokenUrl)) reject('aud is not the token endpoint');
  const now = Date.now() / 1000;
  if (!(claims.exp > now)) reject('assertion expired');
  if (claims.exp > now + 300 + 5) reject('exp more than 5 minutes ahead');
  if (!claims.jti || seenJti.has(claims.jti)) reject('jti missing or reused');
  seenJti.add(claims.jti);
  return claims.iss;
}

/// Checks a service-account assertion of the JWT bearer grant; returns the client id.
function checkBearerGrant(jwt) {
  if (!opts.publicKey) reject('assertions are not configured', 400, 'invalid_grant');
  const parts = (jwt ?? '').split('.');
  if (parts.length !== 3) reject('malformed JWT', 400, 'invalid_grant');
  const header = decodePart(parts[0]);
  const claims = decodePart(parts[1]);
  if (header.alg !== 'RS256') reject(`unsupported alg ${header.alg}`, 400, 'invalid_grant');
  const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
  if (!crypto.verify('sha256', signed, opts.publicKey, Buffer.from(parts[2], 'base64url')))
    reject('bad signature', 400, 'invalid_grant');
  if (claims.iss !== opts.clientId) reject('iss is not the service account', 400, 'invalid_grant');
  if (claims.aud !== tokenUrl) reject('aud is not the token endpoint', 400, 'invalid_grant');
  if (!claims.scope) reject('no scope', 400, 'invalid_scope');
  const now = Date.now() / 1000;
  if (!(claims.iat <= now + 5 && claims.exp > now)) reject('assertion not valid now', 400, 'invalid_grant');
  if (claims.exp - claims.iat > 3600) reject('assertion lives longer than an hour', 400, 'invalid_grant');
  return claims.iss;
}

/// Checks a client secret (Basic or form); returns the client id.
function checkSecret(req, form) {
  let id = form.get('client_id');
  let secret = form.get('client_secret');
  const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
  if (basic) {
    const text = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = text.indexOf(':');
    id = decodeURIComponent(text.slice(0, colon));
    secret = decodeURIComponent(text.slice(colon + 1));
  }
  if (!opts.clientSecret) reject('client secrets are not configured');
  if (id !== opts.clientId) reject('unknown client');
  const a = Buffer.from(secret ?? ''), b = Buffer.from(opts.clientSecret);
  if (a.length !== b.length || !crypto.timingSafeEqual(a, b)) reject('bad client secret');
  return id;
}

function mint(clientId, scope) {
  const now = Math.floor(Date.now() / 1000);
  const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
  // exp to the millisecond (a NumericDate may have a fraction), so a token lives exactly
  // expires_in seconds: rounded down to the second, a 3-second token would live only 2-3 s.
  const exp = Date.now() / 1000 + opts.lifetime;
  const body = { iss: tokenUrl, sub: clientId, scope, iat: now, nbf: now, exp, jti: crypto.randomUUID() };
  if (opts.azureTenant) {
    body.iss = `https://sts.windows.net/${opts.azureTenant}/`;
    body.aud = scope.replace(/\/\.default$/, '');
    body.tid = opts.azureTenant;
  }
  const claims = Buffer.from(JSON.stringify(body)).toString('base64url');
  const signature = crypto.createHmac('sha256', opts.secret).update(`${header}.${claims}`).digest('base64url');
  return `${header}.${claims}.${signature}`;
}

function issue(req, raw) {
  if (!/application\/x-www-form-urlencoded/.test(req.headers['content-type'] ?? ''))
    reject('content type must be application/x-www-form-urlencoded', 400, 'invalid_request');
  const form = new URLSearchParams(raw);
  const grant = form.get('grant_type');
  if (grant !== 'client_credentials' && grant !== JWT_BEARER_GRANT) reject('unsupported grant_type', 400, 'unsupported_grant_type');
  let clientId;
  let scope = form.get('scope') ?? 'system/*.read';
  if (grant === JWT_BEARER_GRANT) {
    clientId = checkBearerGrant(form.get('assertion'));
    scope = decodePart(form.get('assertion').split('.')[1]).scope;
  } else if (form.get('client_assertion_type') === ASSERTION_TYPE) clientId = checkAssertion(form.get('client_assertion'));
  else clientId = checkSecret(req, form);
  counts.issued++;
  const token = mint(clientId, scope);
  if (opts.issuedLog) fs.appendFileSync(opts.issuedLog, token + '\n');
  return { access_token: token, token_type: 'bearer', expires_in: opts.lifetime, scope };
}

function send(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const path = req.url.split('?')[0];
    try {
      if (req.method === 'GET' && path === '/.well-known/smart-configuration')
        return send(res, 200, { token_endpoint: tokenUrl, grant_types_supported: ['client_credentials'],
                                token_endpoint_auth_methods_supported: ['private_key_jwt', 'client_secret_basic'],
                                token_endpoint_auth_signing_alg_values_supported: ['RS384', 'ES384'] });
      if (req.method !== 'POST' || path !== '/token') return send(res, 404, { error: 'not_found' });
      send(res, 200, issue(req, Buffer.concat(chunks).toString('utf8')));
    } catch (err) {
      const reason = err instanceof Rejection ? err.message : 'server error';
      counts.rejected[reason] = (counts.rejected[reason] ?? 0) + 1;
      send(res, err.status ?? 500, { error: err.error ?? 'server_error', error_description: reason });
    } finally {
      saveCounts();
    }
  });
});

server.listen(opts.port, '127.0.0.1', () => {
  tokenUrl = `http://127.0.0.1:${server.address().port}/token`;
  saveCounts();
  console.log(`token server listening on http://127.0.0.1:${server.address().port}`);
});
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => { saveCounts(); process.exit(0); });
