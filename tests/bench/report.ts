// Measurements of one benchmark run and the markdown tables they are reported in.

export interface Measurement {
  requests: number;
  p50: number;
  p99: number;
  errors: number;
}

export interface Sampled extends Measurement {
  /** Peak resident memory (MB) of this process while the load ran. */
  rssMb: number;
}

export interface Row {
  database: string;
  target: string;
  raw: Sampled;
  ours: Sampled;
  /** Bytes of request log our app wrote during its measured load. */
  logBytes: number;
}

// The targets: reads ≥ 0.8× the baseline's req/s with p99 ≤ 1.25×; orders.create ≥ 0.85×.
const READ_RATIO = 0.8;
const CREATE_RATIO = 0.85;
const P99_RATIO = 1.25;

/** Runs `load` while sampling this process's RSS every 100 ms; reports the peak with the result. */
export async function measureUnderLoad(load: () => Promise<Measurement>): Promise<Sampled> {
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 100);
  try {
    return { ...(await load()), rssMb: Math.round(peak / 2 ** 20) };
  } finally {
    clearInterval(sampler);
  }
}

function meetsTarget(row: Row): boolean {
  const isWrite = row.target.startsWith('orders.create');
  const ratio = row.ours.requests / row.raw.requests;
  if (isWrite) return ratio >= CREATE_RATIO;
  return ratio >= READ_RATIO && row.ours.p99 <= P99_RATIO * row.raw.p99;
}

const reqs = (m: Measurement) => Math.round(m.requests).toLocaleString('en');
const ratio = (ours: number, raw: number) => (raw > 0 ? (ours / raw).toFixed(2) : '—');

/** One row per target: baseline → ours for req/s, p50/p99 and RSS, the ratios, and the verdict. */
export function table(rows: Row[]): string {
  const lines = [
    '| database | procedure | req/s raw → ours | ratio | p50 ms raw → ours | p99 ms raw → ours | p99 ratio | RSS MB raw → ours | log KB | target | errors |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: | ---: |',
  ];
  for (const row of rows) {
    const { raw, ours } = row;
    lines.push(
      `| ${row.database} | ${row.target} | ${reqs(raw)} → ${reqs(ours)} | ${ratio(ours.requests, raw.requests)} | ${raw.p50} → ${ours.p50} | ${raw.p99} → ${ours.p99} | ${ratio(ours.p99, raw.p99)} | ${raw.rssMb} → ${ours.rssMb} | ${Math.round(row.logBytes / 1024)} | ${meetsTarget(row) ? 'met' : 'missed'} | ${raw.errors + ours.errors} |`,
    );
  }
  return lines.join('\n');
}

/** The scale run: per target, ours p50/p99 (and the baseline's) at each size. */
export function scaleTable(rows: Row[]): string {
  const lines = [
    '| order lines | procedure | ours req/s | ours p50 / p99 ms | raw req/s | raw p50 / p99 ms | ratio | RSS MB (ours) | errors |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of rows) {
    const { raw, ours } = row;
    lines.push(
      `| ${row.database} | ${row.target} | ${reqs(ours)} | ${ours.p50} / ${ours.p99} | ${reqs(raw)} | ${raw.p50} / ${raw.p99} | ${ratio(ours.requests, raw.requests)} | ${ours.rssMb} | ${raw.errors + ours.errors} |`,
    );
  }
  return lines.join('\n');
}

/** `100k,1M,10M` → order-line counts, smallest first. */
export function scaleTargets(setting: string): number[] {
  const units: Record<string, number> = { k: 1e3, m: 1e6 };
  return setting
    .split(',')
    .map((size) => {
      const match = /^\s*(\d+(?:\.\d+)?)\s*([km]?)\s*$/i.exec(size);
      if (!match) throw new Error(`BENCH_SCALE: cannot read "${size}" (use e.g. 100k,1M,10M)`);
      return Math.round(Number(match[1]) * (units[(match[2] ?? '').toLowerCase()] ?? 1));
    })
    .sort((a, b) => a - b);
}
