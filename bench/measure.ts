/**
 * Benchmark helpers. Every figure is printed next to a baseline measured in the same run, as a
 * ratio: this machine is shared and noisy, so an absolute time alone proves nothing.
 */
export interface Rate {
  readonly ops: number;
  readonly seconds: number;
  readonly perSecond: number;
}

/** Run `op` in batches until `minSeconds` have passed (and at least `minOps` ran). */
export function measureRate(op: () => void, minSeconds: number, minOps = 10): Rate {
  for (let i = 0; i < Math.min(minOps, 50); i++) op(); // warm up the JIT
  let ops = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  let batch = 1;
  while (elapsed < minSeconds || ops < minOps) {
    for (let i = 0; i < batch; i++) op();
    ops += batch;
    elapsed = Number(process.hrtime.bigint() - start) / 1e9;
    if (elapsed < minSeconds / 10) batch *= 2;
  }
  return { ops, seconds: elapsed, perSecond: ops / elapsed };
}

export interface BenchRow {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly baselineName: string;
  readonly baseline: number;
}

export function printRows(title: string, rows: readonly BenchRow[]): void {
  process.stdout.write(`\n${title}\n`);
  const nameWidth = Math.max(...rows.map((r) => r.name.length), 10);
  const baseWidth = Math.max(...rows.map((r) => r.baselineName.length), 8);
  for (const row of rows) {
    const ratio =
      row.baseline > 0 ? (row.value / row.baseline).toFixed(2) : row.value === row.baseline ? 'met' : 'MISSED';
    process.stdout.write(
      `  ${row.name.padEnd(nameWidth)}  ${format(row.value).padStart(12)} ${row.unit.padEnd(6)}  vs ${row.baselineName.padEnd(baseWidth)} ${format(row.baseline).padStart(12)}  ratio ${ratio}\n`,
    );
  }
}

export function format(value: number): string {
  if (value >= 100) return Math.round(value).toLocaleString('en-GB');
  return value.toFixed(2);
}
