import { README } from './readme-block';
import { DEFAULT_RETRY, renderSyncPolicy } from '../lib/k8s/argocd/argocd-application';
import { MIMIR_VOLUMES } from '../lib/addons/observability/central-stores';

/*
 * The README's upgrade step for Mimir's volumes (*Upgrading fleetsynth over a fleet that is running*, item 11),
 * held against what its Applications do in Argo CD v3.4 (argo-cd v3.4.7 controller/appcontroller.go):
 * - a failed automated sync stays a running operation while its retries last (processRequestedAppOperation:
 *   phase Running, "Retrying attempt #n"), so a manual sync is refused then (util/argo/argo.go SetAppOperation,
 *   "another operation is already in progress") and the next retry applies what is in Git;
 * - self-heal re-syncs the spec whose last sync succeeded (autoSync: alreadyAttempted, Successful, selfHeal),
 *   so StatefulSets deleted before the new spec's sync has failed come back from the old spec.
 */
const item = /11\. \*\*Mimir's volumes grow\*\*(.*?)12\. \*\*/.exec(README.replace(/\s+/g, ' '))?.[1] ?? '';

/** Seconds from the first failure to the last retry: RetryStrategy.NextRetryAt (duration × factor^n, capped at maxDuration), n from 1 as the controller counts a retry before it waits for it. */
function retriesLastSeconds(retry: typeof DEFAULT_RETRY): number {
  let total = 0;
  for (let n = 1; n <= retry.limit; n++) total += Math.min(retry.backoffSeconds * retry.factor ** n, retry.maxBackoffSeconds);
  return total;
}

test('the README has the item these tests read', () => {
  expect(item).toContain('--cascade=orphan');
});

test('the claims grow to the sizes fleetsynth now writes', () => {
  expect(item).toContain(`"storage":"${MIMIR_VOLUMES.ingester}"`);
  expect(item).toContain(`storage-mimir-compactor-0\` to ${MIMIR_VOLUMES.compactor}`);
  expect(item).toContain(`storage-mimir-store-gateway-0\` to ${MIMIR_VOLUMES.store_gateway}`);
});

test('the StatefulSets are deleted only once the new spec has failed to sync, as self-heal restores the old one', () => {
  expect(renderSyncPolicy().automated).toEqual({ prune: true, selfHeal: true });
  const waitAt = item.indexOf('wait until that sync has failed');
  expect(waitAt).toBeGreaterThan(-1);
  expect(waitAt).toBeLessThan(item.indexOf('--cascade=orphan'));
});

test('the retries the README names are the ones the Applications have, about half an hour, and a manual sync waits for them', () => {
  expect(item).toContain(`retried ${DEFAULT_RETRY.limit} times, about half an hour`);
  const minutes = retriesLastSeconds(DEFAULT_RETRY) / 60;
  expect(minutes).toBeGreaterThanOrEqual(25);
  expect(minutes).toBeLessThanOrEqual(40);
  expect(item).toContain('another operation is already in progress');
  expect(item).not.toContain('does not retry a failed automated sync');
});
