// trigger: post-user-registration
// An error thrown inside a timer callback reaches the report.
module.exports = function (user, context, cb) {
  setTimeout(() => {
    console.log('timer fired');
    throw new RangeError('thrown from a timer');
  }, 1);
};
