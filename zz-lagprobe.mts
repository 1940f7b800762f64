
import { createDeliveryEngine } from '/work/main/src/delivery/index.ts';
import { seededRandom, startReceiver } from '/work/main/test/delivery/receiver.ts';
import { monitorEventLoopDelay } from 'node:perf_hooks';

await (async () => {
  const decide = seededRandom(1);
  const recv = new Map<string, { at: number; kind: string; socketReqs: number }>();
  const sockCount = new WeakMap<object, number>();
  const rx = await startReceiver((req, res, raw) => {
    const n = (sockCount.get(raw.socket) ?? 0) + 1; sockCount.set(raw.socket, n);
    const id = String(req.headers['x-delivery-id']) + '#' + String(req.headers['x-attempt']);
    const roll = decide();
    const kind = roll < 0.55 ? 'ok' : roll < 0.75 ? '500' : roll < 0.87 ? 'slow' : 'reset';
    recv.set(id, { at: Date.now(), kind, socketReqs: n });
    if (kind === 'ok') res.writeHead(200).end('ok');
    else if (kind === '500') res.writeHead(500).end();
    else if (kind === 'slow') rx.later(res, 1000, () => res.writeHead(503).end());
    else raw.socket.destroy();
  });
  const h = monitorEventLoopDelay({ resolution: 10 }); h.enable();
  const engine = createDeliveryEngine({ timeoutMs: 200, maxAttempts: 4, concurrency: 64, backoff: { baseMs: 2, factor: 2, maxMs: 16 } });
  const handles = Array.from({ length: 1000 }, (_, i) => engine.enqueue({ id: `d${i}`, url: rx.url, eventType: 'x', body: '{}', headers: { 'x-delivery-id': `d${i}` }, sign: (_b, a) => ({ 'x-attempt': String(a) }) }));
  const records = await Promise.all(handles.map((x) => x.settled()));
  h.disable();
  let bad = 0; const lat: number[] = []; const badInfo: unknown[] = [];
  for (const r of records) for (const a of r.attemptLog) {
    const s = recv.get(`${r.id}#${a.number}`);
    if (s) lat.push(s.at - a.startedAt);
    if (s?.kind === 'ok' && a.status !== 200) { bad++; if (badInfo.length < 5) badInfo.push({ a, s, lat: s.at - a.startedAt }); }
  }
  lat.sort((x, y) => x - y);
  console.log('bad', bad, 'lat p50', lat[lat.length >> 1], 'p99', lat[Math.floor(lat.length * 0.99)], 'max', lat.at(-1), 'loop max ms', h.max / 1e6, 'p99', h.percentile(99) / 1e6);
  console.log(JSON.stringify(badInfo));
  engine.close({ abortInFlight: true }); await rx.close();
})();
