import { Construct } from 'constructs';
import { AlloyServiceMonitor } from './alloy-monitor';
import { LOG_AGENT_RELEASE } from './log-agent';

/** The job the fleet alert on dropped log entries matches. */
export const LOG_AGENT_JOB = 'alloy-logs';

/**
 * Alloy's own metrics (`loki_write_sent_entries_total`, `loki_write_dropped_entries_total`, …), which
 * the fleet alerts on log shipping read: one endpoint per DaemonSet pod. The port is outside the pod's
 * sidecar (log-agent.ts), so the agent's plaintext scrape passes STRICT mTLS.
 */
export class LogAgentServiceMonitor extends AlloyServiceMonitor {
  constructor(scope: Construct, id: string) {
    super(scope, id, { release: LOG_AGENT_RELEASE, job: LOG_AGENT_JOB });
  }
}
