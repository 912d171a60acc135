// trigger: post-user-registration
// require('events'): on/once/off/emit, ordering, errors and an emitter in console output.
const EventEmitter = require('events');
class Signup extends EventEmitter {}
module.exports = function (user, context, cb) {
  const s = new Signup();
  const seen = [];
  const onCreated = (u) => seen.push('created ' + u);
  s.on('created', onCreated);
  s.once('created', (u) => seen.push('once ' + u));
  s.prependListener('created', (u) => seen.push('first ' + u));
  s.emit('created', user.email);
  s.emit('created', 'again');
  s.off('created', onCreated);
  console.log(seen, s.listenerCount('created'), s.eventNames(), s.emit('nobody'));
  console.log(s);
  try {
    s.emit('error', new Error('unhandled emitter error'));
  } catch (e) {
    console.log('thrown:', e.message);
  }
  s.on('error', (e) => console.log('handled:', e.message));
  s.emit('error', new Error('now handled'));
  EventEmitter.once(s, 'ready').then(([v]) => {
    console.log('ready with', v);
    cb();
  });
  s.emit('ready', 42);
};
