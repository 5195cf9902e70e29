/*
 * Machine types GKE refuses for a node pool, as far as their names tell.
 *
 * GKE refuses a pool of f1-micro machines at the apply: "Error 400: Node pools of f1-micro machines are not
 * supported due to insufficient memory" (nkoson/gke-tutorial#7, google_container_node_pool); the google provider
 * checks machine_type not at all. fleetsynth has no list of Compute Engine machine types: other refusals (a type
 * not offered in a zone, one GKE does not support) fail at the apply too.
 */
const GKE_UNSUPPORTED = new Set(['f1-micro']);

/** Why GKE refuses a node pool of this machine type, or undefined (also when fleetsynth cannot tell). */
export function gkeMachineTypeProblem(machineType: string): string | undefined {
  return GKE_UNSUPPORTED.has(machineType) ? 'GKE refuses node pools of f1-micro machines ("not supported due to insufficient memory")' : undefined;
}
