import { advertisedRanges, BgpOrigin, learnedPrefixes } from './bgp-routes';

const network = (n: number) => ({ nodeCidr: `10.${n}.0.0/16`, podCidr: `100.${64 + n}.0.0/16` });
const origin = (cluster: string, cloud: BgpOrigin['cloud'], n: number): BgpOrigin => ({ cluster, cloud, ranges: advertisedRanges(cloud, network(n), cloud === 'azure' ? `10.${n}.255.0/27` : undefined) });

describe('the ranges each network advertises over BGP', () => {
  test('AWS and GCP: the node and pod ranges (the VPC\'s CIDR blocks; the BGP peers\' custom ranges); Azure: the VNet\'s, node and GatewaySubnet ranges', () => {
    expect(advertisedRanges('aws', network(1))).toEqual(['10.1.0.0/16', '100.65.0.0/16']);
    expect(advertisedRanges('gcp', network(2))).toEqual(['10.2.0.0/16', '100.66.0.0/16']);
    expect(advertisedRanges('azure', network(3), '10.3.255.0/27')).toEqual(['10.3.0.0/16', '10.3.255.0/27']);
  });
});

describe('the prefixes a network learns', () => {
  const mgmt = origin('mgmt', 'aws', 1);
  const awsProd = origin('aws-prod', 'aws', 2);
  const gcpProd = origin('gcp-prod', 'gcp', 3);
  const gcpDr = origin('gcp-dr', 'gcp', 5);
  const azureProd = origin('azure-prod', 'azure', 4);

  test('from the networks of the other clouds, never its own', () => {
    expect(learnedPrefixes(mgmt, [mgmt, awsProd, gcpProd])).toEqual(gcpProd.ranges);
  });

  test('from the other networks of its own cloud too, once a gateway of another cloud passes routes on (the example: an Azure gateway between the AWS networks)', () => {
    expect(learnedPrefixes(mgmt, [mgmt, awsProd, gcpProd, azureProd])).toEqual([...awsProd.ranges, ...gcpProd.ranges, ...azureProd.ranges].sort());
    // An AWS gateway between the GCP networks; a Cloud Router passes nothing on, so none between the AWS networks.
    expect(learnedPrefixes(gcpProd, [mgmt, gcpProd, gcpDr])).toEqual([...mgmt.ranges, ...gcpDr.ranges].sort());
    expect(learnedPrefixes(mgmt, [mgmt, awsProd, gcpProd, gcpDr])).toEqual([...gcpProd.ranges, ...gcpDr.ranges].sort());
  });
});
