// trigger: credentials-exchange
// The sandbox: refused modules name themselves, versions are stripped, unknown modules are
// clear errors.
module.exports = function (client, scope, audience, context, cb) {
  for (const name of ['fs', 'child_process', 'net', 'http', 'https', 'dns', 'os', 'cluster', 'worker_threads', 'left-pad', './local']) {
    try {
      require(name);
      console.log(name, 'loaded');
    } catch (e) {
      console.log(e.code, e.message);
    }
  }
  console.log(require('crypto@1.0.0') === require('crypto'), require('node:util') === require('util'));
  cb(null, { scope });
};
