// trigger: credentials-exchange
// Classes with private fields and methods, static members, getters, inheritance.
class Counter {
  #count = 0;
  static #instances = 0;
  static created() { return Counter.#instances; }
  constructor(start) { this.#count = start; Counter.#instances++; }
  #bump() { this.#count++; }
  inc() { this.#bump(); return this; }
  get value() { return this.#count; }
  static isCounter(o) { return #count in o; }
}
class Named extends Counter {
  constructor(name) { super(10); this.name = name; }
  toString() { return `${this.name}=${this.value}`; }
}
module.exports = function (client, scope, audience, context, cb) {
  const c = new Counter(1).inc().inc();
  const n = new Named('n').inc();
  console.log(c, n, c.value, `${n}`, Counter.created(), Counter.isCounter(n), Counter.isCounter({}));
  let err;
  try {
    Counter.prototype.inc.call({});
  } catch (e) {
    err = e.constructor.name;
  }
  console.log('private access on a foreign object throws', err);
  cb(null, { scope, 'https://example.com/count': c.value });
};
