import { sql, type Tx } from '../../platform/db/index.ts';

/**
 * Where a batch's time goes, per step — on only when a benchmark asks (`collectStageTimings`).
 * Wall time alone misleads on a shared machine (it measures the neighbours too), so each step also
 * records the CPU this process spent in it and, when the benchmark can read it, the CPU the
 * database server process spent on it (PostgreSQL: the batch's connection, by its backend pid).
 */
export interface StageCost {
  wallMs: number;
  /** This process's CPU (includes anything else its event loop ran meanwhile). */
  nodeCpuMs: number;
  /** The database server process's CPU for this step; 0 when not measured. */
  serverCpuMs: number;
}

export interface TimingProbe {
  /** CPU time (ns) used so far by the server process with this backend pid. */
  serverCpuNs?: (backendPid: number) => number;
}

let current: { costs: Map<string, StageCost>; probe: TimingProbe } | null = null;

export const collectStageTimings = (probe: TimingProbe = {}): Map<string, StageCost> => {
  current = { costs: new Map(), probe };
  return current.costs;
};

/** The backend pid of the batch's connection when the benchmark measures server CPU (else null, no query). */
export const timingBackend = async (tx: Tx): Promise<number | null> => {
  if (!current?.probe.serverCpuNs) return null;
  const res = (await tx.execute(sql`select pg_backend_pid() as pid`)) as unknown as { rows: { pid: number }[] };
  return Number(res.rows[0]!.pid);
};

const noop = () => {};

/** Starts timing one step; the returned function ends it and adds its costs under `name`. */
export const beginStep = (name: string, backendPid: number | null): (() => void) => {
  const c = current;
  if (!c) return noop;
  const serverCpu = backendPid !== null ? c.probe.serverCpuNs : undefined;
  const w0 = performance.now();
  const n0 = process.cpuUsage();
  const s0 = serverCpu ? serverCpu(backendPid!) : 0;
  return () => {
    const n = process.cpuUsage(n0);
    const cost = c.costs.get(name) ?? { wallMs: 0, nodeCpuMs: 0, serverCpuMs: 0 };
    cost.wallMs += performance.now() - w0;
    cost.nodeCpuMs += (n.user + n.system) / 1000;
    if (serverCpu) cost.serverCpuMs += (serverCpu(backendPid!) - s0) / 1e6;
    c.costs.set(name, cost);
  };
};

/** Runs one step, adding its costs under `name` when timings are on. */
export const timed = async <X>(name: string, backendPid: number | null, step: () => Promise<X> | X): Promise<X> => {
  if (!current) return step();
  const end = beginStep(name, backendPid);
  try {
    return await step();
  } finally {
    end();
  }
};
