// trigger: post-user-registration
// context.webtask.storage answers asynchronously.
module.exports = function (user, context, cb) {
  const storage = context.webtask.storage;
  storage.set({ count: 1 }, (err) => {
    storage.get((err2, data) => {
      console.log('stored', err, err2, data);
      cb(null, { count: data.count });
    });
  });
};
