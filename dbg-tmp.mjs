const { endToEndBench } = await import('./dist/bench/end-to-end-bench.js');
await endToEndBench({ premises: 2, requests: 10, concurrency: 2, alerts: 10 }, { sign: 38000, verify: 15000 });
setTimeout(() => {
  const info = process.getActiveResourcesInfo();
  console.error(info.length, JSON.stringify(info.reduce((a, k) => ({ ...a, [k]: (a[k] ?? 0) + 1 }), {})));
  for (const h of process._getActiveHandles()) if (h.constructor.name !== 'Socket') console.error(h.constructor.name);
}, 2000).unref();
