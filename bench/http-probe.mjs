// Health probe for the mixed HTTP benchmark, in its own process so its timings do not include the
// load generator's event loop: GET <url>/api/v1/health one after the other (a pause of 20 ms between two)
// for <seconds>, then prints {"n","p50Ms","p99Ms","maxMs","errors"} as one JSON line.
const [url, seconds] = process.argv.slice(2);
if (!url || !seconds) throw new Error('usage: http-probe.mjs <base url> <seconds>');
const end = performance.now() + Number(seconds) * 1000;
const ms = [];
let errors = 0;
while (performance.now() < end) {
  const t0 = performance.now();
  try {
    const r = await fetch(`${url}/api/v1/health`, { signal: AbortSignal.timeout(10_000) });
    await r.arrayBuffer();
    if (r.status !== 200) errors++;
  } catch {
    errors++;
  }
  ms.push(performance.now() - t0);
  await new Promise((r) => setTimeout(r, 20));
}
ms.sort((a, b) => a - b);
const at = (q) => (ms.length ? Math.round(ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] * 10) / 10 : null);
process.stdout.write(JSON.stringify({ n: ms.length, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: at(1), errors }) + '\n');
