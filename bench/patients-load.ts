import { runLoad } from './load.ts';

export type Scenario = { name: string; targetP99Ms: number | null; paths: string[] };

export type Figures = {
  name: string;
  requests: number;
  errors: number;
  p50: number;
  p99: number;
  max: number;
  meanResults: number;
  targetP99Ms: number | null;
};

/** Runs a scenario's paths from `clients` concurrent keep-alive connections (on a worker thread), after a warm-up. */
export async function measure(
  base: URL,
  token: string,
  scenario: Scenario,
  opts: { clients: number; requests: number; warmup: number },
): Promise<Figures> {
  const f = await runLoad({
    base: base.toString(),
    token,
    requests: scenario.paths.map((path) => ({ method: 'GET', path })),
    clients: opts.clients,
    warmup: { requests: opts.warmup },
    measure: { requests: opts.requests },
  });
  for (const line of f.firstErrors) console.error(`  ${scenario.name}: ${line}`);
  return { name: scenario.name, ...f, targetP99Ms: scenario.targetP99Ms };
}
