// Runs one hook script under Node.js the way Auth0's webtask runtime did, for hookterm's
// Node comparison test (runner/nodecompat_test.go). Reads a JSON request on stdin:
//   {"script", "filename", "trigger", "payload", "secrets", "timeout"}
// and prints exactly one JSON object on stdout:
//   {"ok", "result", "error": null | {"name", "message"}, "logs": [{"level", "message"}]}
// It reproduces hookterm's sandbox and reporting rules (no host env, refused modules,
// version-stripping require, secret values hidden in reports) so that the comparison is
// about the JavaScript, not about those rules.
'use strict';
const util = require('util');
const vm = require('vm');
const nodeRequire = require;

const req = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const out = { ok: false, result: null, error: null, logs: [] };
let decided = false;

// Console capture: every level through util.format, as the runner's console does.
// console.trace, group, count, table… are Node's own: they write through these methods, and
// the group indentation (kWriteToConsole's) is applied here as Node applies it.
const levels = { log: 'log', info: 'info', warn: 'warn', error: 'error', debug: 'debug', dirxml: 'log' };
const kGroupIndent = Object.getOwnPropertySymbols(console).find((s) => s.description === 'kGroupIndent');
const indented = (message) => {
  const indent = kGroupIndent === undefined ? '' : console[kGroupIndent];
  return indent ? indent + message.replace(/\n/g, '\n' + indent) : message;
};
for (const [method, level] of Object.entries(levels)) {
  console[method] = (...args) => out.logs.push({ level, message: indented(util.format(...args)) });
}
console.dir = (obj, options) => out.logs.push({ level: 'log', message: indented(util.inspect(obj, { customInspect: false, ...options })) });

// hookterm's sandbox: refused modules and built-ins (runner/nodelib/require.go).
const refused = {
  fs: 'hooks have no file system access', 'fs/promises': 'hooks have no file system access',
  child_process: 'hooks cannot start processes', cluster: 'hooks cannot start processes',
  worker_threads: 'hooks cannot start threads',
  net: 'hooks run without network access in hookterm', http: 'hooks run without network access in hookterm',
  https: 'hooks run without network access in hookterm', http2: 'hooks run without network access in hookterm',
  dns: 'hooks run without network access in hookterm', tls: 'hooks run without network access in hookterm',
  dgram: 'hooks run without network access in hookterm', os: 'hooks cannot inspect the host system',
  vm: 'hooks cannot create new JavaScript contexts', v8: 'hooks cannot inspect the host system',
  inspector: 'hooks cannot inspect the host system',
};
const builtins = ['assert', 'buffer', 'crypto', 'events', 'process', 'querystring', 'string_decoder', 'timers', 'timers/promises', 'url', 'util'];
function hookRequire(spec) {
  let name = String(spec).replace(/^node:/, '');
  const at = name.indexOf('@', name.startsWith('@') ? 1 : 0);
  if (at > 0) name = name.slice(0, at);
  if (refused[name]) {
    const err = new Error("Cannot use module '" + name + "' in a hook: " + refused[name]);
    err.code = 'ERR_HOOKTERM_MODULE_REFUSED';
    throw err;
  }
  if (!builtins.includes(name)) {
    const err = new Error("Cannot find module '" + name + "' (npm packages are not available in hookterm yet; built-in modules: " + builtins.join(', ') + ')');
    err.code = 'MODULE_NOT_FOUND';
    throw err;
  }
  return nodeRequire(name);
}
process.env = {};

// The error classes the webtask compilers prepend (runner/prelude.go).
class ExtensibilityUserError extends Error {
  constructor(message) { super(message); this.name = this.constructor.name; }
}
class InvalidRequestError extends ExtensibilityUserError {}
class InvalidScopeError extends ExtensibilityUserError {}
class ServerError extends ExtensibilityUserError {}
class PreUserRegistrationError extends ExtensibilityUserError {
  constructor(message, friendlyMessage) { super(message); this.friendlyMessage = friendlyMessage || message; }
}
class SendPhoneMessageError extends ExtensibilityUserError {
  constructor(message, friendlyMessage) { super(message); this.friendlyMessage = friendlyMessage || message; }
}
const classes = { ExtensibilityUserError, InvalidRequestError, InvalidScopeError, ServerError, PreUserRegistrationError, SendPhoneMessageError };

const points = {
  'credentials-exchange': ['client', 'scope', 'audience', 'context'],
  'pre-user-registration': ['user', 'context'],
  'post-user-registration': ['user', 'context'],
  'post-change-password': ['user', 'context'],
  'send-phone-message': ['recipient', 'text', 'context'],
};

// hookterm's reports never show secret values (runner/redact.go): values of 4 or more
// characters become [secret NAME], longest first.
function redact(s) {
  const secrets = Object.entries(req.secrets || {}).filter(([, v]) => v.length >= 4);
  secrets.sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
  for (const [k, v] of secrets) s = s.split(v).join('[secret ' + k + ']');
  return s;
}

function finish() {
  for (const l of out.logs) l.message = redact(l.message);
  if (out.error) out.error.message = redact(out.error.message);
  process.stdout.write(JSON.stringify(out) + '\n');
  process.exit(0);
}

function errorOf(v) {
  if (v instanceof Error || (v !== null && typeof v === 'object' && Object.prototype.toString.call(v) === '[object Error]')) {
    return { name: v.name === undefined ? 'Error' : String(v.name), message: v.message === undefined ? '' : String(v.message) };
  }
  const msg = v !== null && typeof v === 'object' && v.message ? String(v.message) : String(v);
  return { name: 'Error', message: msg };
}

function decide(err, result) {
  if (decided) return false;
  decided = true;
  if (err !== null) {
    out.ok = false;
    out.error = errorOf(err);
  } else {
    out.ok = true;
    out.result = result;
  }
  // The runner stops the event loop once the outcome is known; what the current turn and
  // its microtasks log is kept.
  setImmediate(finish);
  return true;
}

function callback(err, data) {
  if (decided) {
    out.logs.push({ level: 'warn', message: 'hookterm: the callback was called again; Auth0 uses only the first call' });
    return;
  }
  if (err) {
    decide(err);
    return;
  }
  if (!data && req.trigger !== 'credentials-exchange' && req.trigger !== 'send-phone-message') data = {};
  let raw;
  try {
    raw = JSON.stringify(data);
  } catch (e) {
    decide(new Error('Error when JSON serializing the result of the extension point'));
    return;
  }
  decide(null, raw === undefined ? null : JSON.parse(raw));
}

process.on('uncaughtException', (e) => {
  if (!decided) decide(e);
  else out.logs.push({ level: 'error', message: 'Uncaught ' + (e && e.stack) });
});
process.on('unhandledRejection', (e) => {
  if (!decided) decide(e);
  else out.logs.push({ level: 'error', message: 'Unhandled promise rejection: ' + errorOf(e).name + ': ' + errorOf(e).message });
});
// Auth0 ran hooks in a long-lived server, where an unref'd timer (AbortSignal.timeout's, say)
// still fires: before calling the hook stuck, keep the process up a little longer, once.
let graceGiven = false;
process.on('beforeExit', () => {
  if (!decided && !graceGiven) {
    graceGiven = true;
    setTimeout(() => {}, 200);
    return;
  }
  if (!decided) {
    decided = true;
    out.ok = false;
    out.error = {
      name: 'TimeoutError',
      message: 'The callback was never called and nothing is left to run: Auth0 would end this hook at its time limit (' + (req.timeout || '20s') + ') with "Request to Webtask exceeded allowed execution time"',
    };
    finish();
  }
});

// The webtask context (runner/prelude.go).
function webtask(secrets, body) {
  const copy = (v) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));
  let stored;
  return {
    id: 'hookterm-local', secrets, data: Object.assign({}, secrets), params: {}, meta: {}, query: {}, headers: {}, body,
    storage: {
      get(options, cb) { if (typeof options === 'function') cb = options; const v = copy(stored); setImmediate(() => cb(null, v)); },
      set(data, options, cb) { if (typeof options === 'function') cb = options; stored = copy(data); if (typeof cb === 'function') setImmediate(() => cb(null)); },
    },
  };
}

function run() {
  const names = Object.keys(classes);
  let script = req.script;
  const head = '(function (exports, require, module, __filename, __dirname, ' + names.join(', ') + ') {';
  if (/^\s*(\/\/[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*(async\s+)?function\s*\(/.test(script)) script = 'return (' + script + '\n)';
  const wrapper = vm.runInThisContext(head + script + '\n})', { filename: '/' + (req.filename || 'hook.js') });
  const module = { exports: {}, id: '.', filename: '/' + req.filename, loaded: false };
  const returned = wrapper.call(module.exports, module.exports, hookRequire, module, '/' + req.filename, '/', ...names.map((n) => classes[n]));
  const hook = typeof returned === 'function' ? returned : module.exports;
  if (typeof hook !== 'function') {
    decide(new Error('Supplied code must return or export a function.'));
    return;
  }
  const body = req.payload;
  const wt = webtask(req.secrets || {}, body);
  let ctx;
  if (req.trigger === 'credentials-exchange') {
    ctx = body.context !== null && typeof body.context === 'object' ? body.context : {};
    ctx.webtask = wt;
  } else if (req.trigger === 'send-phone-message') {
    ctx = Object(body.context);
    ctx.webtask = wt;
  } else {
    ctx = Object.assign({}, body.context, { webtask: wt });
  }
  const args = points[req.trigger].map((n) => (n === 'context' ? ctx : body[n]));
  hook(...args, callback);
}

try {
  run();
} catch (e) {
  decide(e);
}
