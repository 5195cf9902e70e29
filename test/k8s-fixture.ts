import { App, Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';

/** Synthesizes whatever `build` adds to a fresh chart, as plain JSON objects. */
export function synthChart(build: (chart: Construct) => void): any[] {
  const chart = new Chart(new App(), 'test', { disableResourceNameHashes: true });
  build(chart);
  return Testing.synth(chart);
}

/** The path of every problem a FleetError carries, or [] when `fn` does not throw one. */
export function problemPaths(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    const problems = (e as { problems?: { path: string }[] }).problems;
    if (problems) return problems.map((p) => p.path);
    throw e;
  }
  return [];
}
