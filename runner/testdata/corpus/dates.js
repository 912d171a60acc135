// trigger: credentials-exchange
// Date arithmetic and UTC formatting (hooks run in UTC; local-time output is not compared).
module.exports = function (client, scope, audience, context, cb) {
  const d = new Date(Date.UTC(2020, 0, 31, 23, 59, 59, 999));
  const next = new Date(d.getTime() + 1);
  console.log(d.toISOString(), next.toISOString(), next.getUTCFullYear(), next.getUTCMonth(), next.getUTCDay());
  console.log(Date.parse('2021-03-04T05:06:07Z'), Date.parse('2021-03-04T05:06:07.123+02:00'), Date.parse('2021-03-04'));
  console.log(new Date('2024-02-30T00:00:00Z').getTime(), String(new Date(NaN)), new Date(8.64e15 + 1).getTime());
  console.log(d.toUTCString(), JSON.stringify({ d }));
  const end = new Date(Date.UTC(2024, 1, 1));
  end.setUTCMonth(end.getUTCMonth() + 1, 0);
  console.log('last day of Feb 2024:', end.getUTCDate());
  console.log(Math.floor((Date.UTC(2025, 0, 1) - Date.UTC(2024, 0, 1)) / 86400000), 'days');
  cb(null, { scope, exp: Math.floor(d.getTime() / 1000) });
};
