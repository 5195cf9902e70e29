import { Construct } from 'constructs';
import { ProjectService } from './providers/google';

/**
 * The Google APIs a GKE stack calls, enabled on the project (a fresh project has none of them):
 * Compute Engine (network, NAT, firewall), Kubernetes Engine, IAM (service accounts), IAM Service
 * Account Credentials and Security Token Service (workload identity federation), Cloud Resource
 * Manager (project IAM bindings). Never disabled on destroy: other clusters and workloads in the
 * project use them too.
 */
export const GKE_PROJECT_SERVICES = [
  'cloudresourcemanager.googleapis.com',
  'compute.googleapis.com',
  'container.googleapis.com',
  'iam.googleapis.com',
  'iamcredentials.googleapis.com',
  'sts.googleapis.com',
] as const;

export interface GcpProjectServicesProps {
  readonly project: string;
  /** @default GKE_PROJECT_SERVICES */
  readonly services?: readonly string[];
}

export class GcpProjectServices extends Construct {
  readonly services: ProjectService[];

  constructor(scope: Construct, id: string, props: GcpProjectServicesProps) {
    super(scope, id);
    this.services = (props.services ?? GKE_PROJECT_SERVICES).map(
      // disable_on_destroy defaults to true in provider 6.x (google/services/resourcemanager/resource_google_project_service.go).
      (service) => new ProjectService(this, service.split('.')[0], { project: props.project, service, disableOnDestroy: false }),
    );
  }
}
