import * as path from 'path';
import { ClusterOutputs, ResolvedCluster, ResolvedFleet, TERRAFORM_OUTPUT } from '../fleet';

/*
 * Where a cluster's outputs say it is, against where the fleet puts it. `cluster_name` alone does not
 * tell a stale file (saved before the cluster moved to another region, project or account) nor another
 * fleet's cluster of the same name: either is read as this cluster's, so Argo CD's registration, the
 * other stacks' API allow lists and the interconnect follow a control plane that is not (or soon no
 * longer) the fleet's.
 *
 * A warning, not a refusal: between the synth that moves a cluster (the replacement guard asks for
 * --allow-replace) and the apply that replaces it, the old file is the truth (the old cluster still
 * runs), and a missing file of a registered cluster is refused (registration-guard.ts), so refusing
 * the stale one would leave no way through. A workload cluster of another fleet is not registered with
 * Argo CD anyway: its `argocd_trusts` names that fleet's management cluster (lib/fleet/argocd-access.ts).
 *
 * The outputs already carry the place: the OIDC issuer names the region on every cloud (and GKE's the
 * project), the IAM role ARNs the EKS cluster's stack creates name its account. A value in a form not
 * recognized here (another partition's, an older AKS issuer without a region) is not compared. Nothing
 * in the outputs names the fleet: two fleets with a cluster of the same name in the same place are not
 * told apart (README, "Terraform outputs").
 */

/**
 * `https://oidc.eks.<region>.amazonaws.com/id/<id>` (awsdocs/amazon-eks-user-guide
 * latest/ug/networking/eks-networking-add-ons.adoc); `.amazonaws.com.cn` in the China regions.
 */
const EKS_ISSUER = /^https:\/\/oidc\.eks\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/id\//;
/**
 * `https://{region}.oic.prod-aks.azure.com/<tenant>/<id>/`, "where the value for {region} matches the
 * location where you deployed the AKS cluster" (MicrosoftDocs/azure-aks-docs articles/aks/use-oidc-issuer.md).
 */
const AKS_ISSUER = /^https:\/\/([a-z0-9]+)\.oic\.prod-aks\.azure\.com\//;
/** The issuer the GKE stack writes itself (lib/infra/cluster-stack.ts): project, location (the region: clusters are regional) and name. */
const GKE_ISSUER = /^https:\/\/container\.googleapis\.com\/v1\/projects\/([^/]+)\/locations\/([^/]+)\/clusters\/[^/]+$/;
/** The account of an IAM role ARN. */
const ROLE_ACCOUNT = /^arn:aws[a-z-]*:iam::(\d{12}):role\//;

/** One warning per output of `outputs` that places `cluster` elsewhere than the fleet does; `file` is its outputs file as the user sees it. */
export function outputsPlacementWarnings(cluster: ResolvedCluster, outputs: ClusterOutputs, file: string): string[] {
  const warnings: string[] = [];
  const compare = (output: string, what: string, found: string | undefined, expected: string | undefined) => {
    if (found === undefined || expected === undefined || found === expected) return;
    warnings.push(
      `${file}: ${output} names ${what} ${found}, where the fleet puts ${cluster.name} in ${expected}: outputs of the cluster from before it moved (save them again once its stack is applied) or of another fleet's cluster of that name (replace the file); until then synth reads them as ${cluster.name}'s`,
    );
  };
  const issuer = outputs.oidcIssuer;
  switch (cluster.cloud) {
    case 'aws': {
      compare(TERRAFORM_OUTPUT.oidcIssuer, 'region', EKS_ISSUER.exec(issuer)?.[1], cluster.region);
      // Both roles are created by this cluster's stack, whose provider is held to accountId (argocd_trusts names the management cluster's).
      for (const [output, arn] of [[TERRAFORM_OUTPUT.argocdIdentity, outputs.argocdIdentity], [TERRAFORM_OUTPUT.argocdControllerRoleArn, outputs.argocdControllerRoleArn]] as const) {
        compare(output, 'account', arn === undefined ? undefined : ROLE_ACCOUNT.exec(arn)?.[1], cluster.accountId);
      }
      break;
    }
    case 'gcp': {
      const gke = GKE_ISSUER.exec(issuer);
      compare(TERRAFORM_OUTPUT.oidcIssuer, 'project', gke?.[1], cluster.project);
      compare(TERRAFORM_OUTPUT.oidcIssuer, 'region', gke?.[2], cluster.region);
      break;
    }
    case 'azure':
      compare(TERRAFORM_OUTPUT.oidcIssuer, 'region', AKS_ISSUER.exec(issuer)?.[1], cluster.region);
      break;
  }
  return warnings;
}

/** outputsPlacementWarnings of every cluster of the fleet with outputs, in the fleet's order. */
export function fleetOutputsPlacementWarnings(fleet: ResolvedFleet, outputs: ReadonlyMap<string, ClusterOutputs>, outputsDir: string): string[] {
  return fleet.clusters.flatMap((c) => {
    const own = outputs.get(c.name);
    return own ? outputsPlacementWarnings(c, own, path.join(outputsDir, `${c.name}.json`)) : [];
  });
}
