// trigger: credentials-exchange
// console.trace prints "Trace: <message>" and the stack at error level (frames are compared
// without their "at …" lines); inside a group the trace is indented.
function audit(client) {
  console.trace('audit %s', client.name);
}
module.exports = function (client, scope, audience, context, cb) {
  audit(client);
  console.trace();
  console.group('grouped');
  console.trace({ scope: scope });
  console.groupEnd();
  cb(null, { accessToken: { scope: scope } });
};
