// The hook's `process`: Node 20's identity, an EMPTY env (never the host's), nextTick on
// the microtask queue, clocks from the runner; everything that would touch the host throws.
(function (binding, version) {
  'use strict';
  function unavailable(name) {
    return function () {
      const err = new Error('process.' + name + '() is not available in a hook');
      err.code = 'ERR_HOOKTERM_NOT_SUPPORTED';
      throw err;
    };
  }
  function hrtime(prev) {
    const ns = binding.now();
    let sec = Math.floor(ns / 1e9);
    let nsec = Math.floor(ns - sec * 1e9);
    if (prev !== undefined) {
      sec -= prev[0];
      nsec -= prev[1];
      if (nsec < 0) { sec--; nsec += 1e9; }
    }
    return [sec, nsec];
  }
  hrtime.bigint = () => BigInt(Math.floor(binding.now()));
  const listeners = Object.create(null);
  const process = {
    title: 'node',
    version,
    versions: { node: version.slice(1), v8: '11.3.244.8-node.33', uv: '1.46.0', modules: '115', unicode: '15.1' },
    arch: 'x64',
    platform: 'linux',
    release: { name: 'node', lts: 'Iron' },
    argv: ['/usr/local/bin/node', '/hook.js'],
    argv0: 'node',
    execArgv: [],
    execPath: '/usr/local/bin/node',
    env: {},
    pid: 1,
    ppid: 0,
    exitCode: undefined,
    config: { variables: {} },
    features: {},
    cwd: () => '/',
    uptime: () => binding.now() / 1e9,
    hrtime,
    memoryUsage: () => binding.memoryUsage(),
    cpuUsage: () => ({ user: 0, system: 0 }),
    nextTick(callback, ...args) { binding.microtask(callback, ...args); },
    emitWarning() {},
    on(name, fn) { (listeners[name] = listeners[name] || []).push(fn); return process; },
    once(name, fn) { return process.on(name, fn); },
    off(name, fn) { const l = listeners[name]; if (l) listeners[name] = l.filter((f) => f !== fn); return process; },
    addListener(name, fn) { return process.on(name, fn); },
    removeListener(name, fn) { return process.off(name, fn); },
    removeAllListeners(name) { if (name === undefined) { for (const k of Object.keys(listeners)) delete listeners[k]; } else delete listeners[name]; return process; },
    listeners: (name) => (listeners[name] || []).slice(),
    listenerCount: (name) => (listeners[name] || []).length,
    emit: () => false,
    exit: unavailable('exit'),
    abort: unavailable('abort'),
    kill: unavailable('kill'),
    chdir: unavailable('chdir'),
    dlopen: unavailable('dlopen'),
    binding: unavailable('binding'),
    umask: () => 0o22,
  };
  for (const name of ['stdout', 'stderr', 'stdin']) {
    Object.defineProperty(process, name, {
      enumerable: false,
      get() {
        const err = new Error('process.' + name + ' is not available in a hook: use console.log');
        err.code = 'ERR_HOOKTERM_NOT_SUPPORTED';
        throw err;
      },
    });
  }
  return process;
})
