// trigger: pre-user-registration
// The custom-error idiom: Error.captureStackTrace(this, Ctor) in a class extending Error,
// with a subclass, a plain object and Error.stackTraceLimit; the error logged and passed to
// the callback.
class UpstreamError extends Error {
  constructor(message, status) {
    super(message);
    this.name = 'UpstreamError';
    this.status = status;
    if (Error.captureStackTrace) Error.captureStackTrace(this, UpstreamError);
  }
}
class RetryableError extends UpstreamError {
  constructor(message) {
    super(message, 503);
    this.name = 'RetryableError';
  }
}
function callCrm() {
  return new RetryableError('CRM returned 503');
}
module.exports = function (user, context, cb) {
  const err = callCrm();
  console.log(err.stack.split('\n')[0], err instanceof UpstreamError, err instanceof Error, err.status);
  console.log(Object.keys(err), typeof err.stack, err.stack.includes('\n    at '));
  const plain = { name: 'Plain', message: 'object' };
  Error.captureStackTrace(plain);
  console.log(plain.stack.split('\n')[0], Object.keys(plain));
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  const bare = {};
  Error.captureStackTrace(bare);
  Error.stackTraceLimit = limit;
  console.log(JSON.stringify(bare.stack), limit);
  console.log(err);
  cb(new UpstreamError('CRM unavailable', 503));
};
