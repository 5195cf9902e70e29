import { testFleet } from '../../../test/fleets';
import { interconnectProblems } from './validate-interconnect';

/** The test fleet with an interconnect of its three workload clusters (and the edits a test makes). */
function fleetWith(edit: (ic: any, f: any) => void = () => undefined): any {
  const f: any = testFleet();
  f.platform = { interconnect: { clusters: { 't-aws': { asn: 64610 }, 't-gcp': { asn: 64620 }, 't-azure': { asn: 64630, gatewaySubnetCidr: '10.200.0.0/27' } } } };
  edit(f.platform.interconnect, f);
  return f;
}
const paths = (f: any) => interconnectProblems(f).map((p) => p.path);

/** Lists `aws` AWS and `gcp` GCP networks in the interconnect: t-aws, t-gcp and copies of them (t-aws2, …), each copy with ranges of its own. */
function withCopies(ic: any, f: any, aws: number, gcp: number): void {
  let n = 0;
  for (const [cloud, count, asn] of [['aws', aws, 64700], ['gcp', gcp, 64800]] as const) {
    const base = f.clusters.find((c: any) => c.name === `t-${cloud}`);
    for (let i = 2; i <= count; i++, n++) {
      const network = { ...base.network, nodeCidr: `10.${64 + (n >> 4)}.${(n & 15) << 4}.0/20`, podCidr: `10.${128 + n}.0.0/16`, serviceCidr: `172.${24 + (n >> 8)}.${n & 255}.0/24` };
      f.clusters.push({ ...base, name: `t-${cloud}${i}`, network });
      ic.clusters[`t-${cloud}${i}`] = { asn: asn + i };
    }
  }
}

describe('platform.interconnect validation', () => {
  test('a valid interconnect has no problems', () => {
    expect(interconnectProblems(fleetWith())).toEqual([]);
  });

  test('fails when a cluster is not the fleet\'s, with a suggestion for a slip of the keyboard', () => {
    const problems = interconnectProblems(fleetWith((ic) => { ic.clusters['t-azrue'] = ic.clusters['t-azure']; delete ic.clusters['t-azure']; }));
    expect(problems).toContainEqual(expect.objectContaining({ path: 'platform.interconnect.clusters[t-azrue]', message: 'not a cluster of the fleet; did you mean "t-azure"?' }));
  });

  test('fails when two clusters share an ASN', () => {
    const problems = interconnectProblems(fleetWith((ic) => (ic.clusters['t-gcp'].asn = 64610)));
    expect(problems).toEqual([expect.objectContaining({ path: 'platform.interconnect.clusters[t-gcp].asn', message: expect.stringContaining('clusters[t-aws] has this ASN') })]);
  });

  test.each([
    [65515, 'is reserved by Azure'],
    [65520, 'is reserved by Azure'],
    [64511, 'must be a private ASN every cloud accepts'],
    [65535, 'must be a private ASN every cloud accepts'],
    [7224, 'must be a private ASN every cloud accepts'],
    [4294967295, 'must be a private ASN every cloud accepts'],
    [64512.5, 'must be a whole number'],
    ['64512', 'must be a whole number'],
  ])('fails when an ASN is reserved or outside the private ranges: %p', (asn, message) => {
    const problems = interconnectProblems(fleetWith((ic) => (ic.clusters['t-aws'].asn = asn)));
    expect(problems).toEqual([expect.objectContaining({ path: 'platform.interconnect.clusters[t-aws].asn', message })]);
  });

  test('accepts 4-byte private ASNs', () => {
    expect(interconnectProblems(fleetWith((ic) => (ic.clusters['t-aws'].asn = 4200000001)))).toEqual([]);
  });

  test('fails when tunnel ranges overlap', () => {
    expect(paths(fleetWith((ic) => (ic.tunnelRanges = { 'aws-gcp': '169.254.21.128/25' })))).toEqual(['platform.interconnect.tunnelRanges.aws-gcp']);
    const problems = interconnectProblems(fleetWith((ic) => (ic.tunnelRanges = { 'aws-azure': '169.254.22.0/25' })));
    expect(problems).toEqual([expect.objectContaining({ path: 'platform.interconnect.tunnelRanges.azure-gcp', message: expect.stringContaining('overlaps the aws-azure tunnel range (169.254.22.0/25)') })]);
  });

  test('fails when a tunnel range is not link-local, outside Azure\'s APIPA range for an Azure pair, or too small', () => {
    expect(paths(fleetWith((ic) => (ic.tunnelRanges = { 'aws-gcp': '10.0.0.0/24' })))).toEqual(['platform.interconnect.tunnelRanges.aws-gcp']);
    expect(paths(fleetWith((ic) => (ic.tunnelRanges = { 'aws-azure': '169.254.30.0/24' })))).toEqual(['platform.interconnect.tunnelRanges.aws-azure']);
    expect(paths(fleetWith((ic) => (ic.tunnelRanges = { 'aws-gcp': '169.254.64.0/32' })))).toEqual(['platform.interconnect.tunnelRanges.aws-gcp']);
    const small = interconnectProblems(fleetWith((ic) => (ic.tunnelRanges = { 'aws-gcp': '169.254.64.0/29' })));
    expect(small).toEqual([expect.objectContaining({ path: 'platform.interconnect.tunnelRanges.aws-gcp', message: 'too small: the aws-gcp links need 4 inside /30s and the pool has 2' })]);
    expect(paths(fleetWith((ic) => (ic.tunnelRanges = { 'gcp-aws': '169.254.64.0/24' })))).toEqual(['platform.interconnect.tunnelRanges.gcp-aws']);
  });

  test('fails when the gateway subnet overlaps a range of the fleet', () => {
    const problems = interconnectProblems(fleetWith((ic) => (ic.clusters['t-azure'].gatewaySubnetCidr = '10.16.255.0/27')));
    expect(problems).toEqual([expect.objectContaining({ path: 'platform.interconnect.clusters[t-azure].gatewaySubnetCidr', message: 'overlaps clusters[t-aws].network.nodeCidr (10.16.0.0/16)' })]);
    // Its own VNet's node range too: the gateway subnet is a second address range of the VNet.
    expect(paths(fleetWith((ic) => (ic.clusters['t-azure'].gatewaySubnetCidr = '10.32.255.0/27')))).toEqual(['platform.interconnect.clusters[t-azure].gatewaySubnetCidr']);
  });

  test('fails when two Azure gateway subnets overlap', () => {
    const f = fleetWith((ic, fleet) => {
      fleet.clusters.push({ ...structuredClone(fleet.clusters[3]), name: 't-azure2', network: { nodeCidr: '10.100.0.0/16', podCidr: '10.104.0.0/16', serviceCidr: '172.30.0.0/16' } });
      ic.clusters['t-azure2'] = { asn: 64631, gatewaySubnetCidr: '10.200.0.0/26' };
    });
    expect(paths(f)).toEqual(['platform.interconnect.clusters[t-azure2].gatewaySubnetCidr']);
  });

  test('fails when an Azure cluster has no gateway subnet, another cloud has one, or one is too small or link-local', () => {
    expect(paths(fleetWith((ic) => delete ic.clusters['t-azure'].gatewaySubnetCidr))).toEqual(['platform.interconnect.clusters[t-azure].gatewaySubnetCidr']);
    expect(paths(fleetWith((ic) => (ic.clusters['t-aws'].gatewaySubnetCidr = '10.201.0.0/27')))).toEqual(['platform.interconnect.clusters[t-aws].gatewaySubnetCidr']);
    expect(paths(fleetWith((ic) => (ic.clusters['t-azure'].gatewaySubnetCidr = '10.200.0.0/28')))).toEqual(['platform.interconnect.clusters[t-azure].gatewaySubnetCidr']);
    expect(paths(fleetWith((ic) => (ic.clusters['t-azure'].gatewaySubnetCidr = '169.254.100.0/27')))).toEqual(['platform.interconnect.clusters[t-azure].gatewaySubnetCidr']);
  });

  // The gateway subnet is added to the VNet's address space, where Azure refuses these ranges and azurerm does not
  // check them (MicrosoftDocs/azure-docs articles/virtual-network/manage-virtual-network.md, "Add or remove an address range").
  test.each([
    ['168.63.129.0/27', "168.63.129.16/32 (Azure's internal DNS, DHCP and load balancer health probe address)"],
    ['127.0.0.0/27', '127.0.0.0/8 (loopback)'],
    ['224.1.0.0/27', '224.0.0.0/4 (multicast)'],
    ['255.255.255.224/27', '255.255.255.255/32 (broadcast)'],
  ])('fails when the gateway subnet %s is a range Azure refuses in a VNet', (range, refused) => {
    expect(interconnectProblems(fleetWith((ic) => (ic.clusters['t-azure'].gatewaySubnetCidr = range)))).toEqual([
      expect.objectContaining({ path: 'platform.interconnect.clusters[t-azure].gatewaySubnetCidr', message: `Azure refuses it in a VNet's address space: it overlaps ${refused}` }),
    ]);
  });

  test('fails when a listed cluster is not in the fleet, or every listed cluster is on one cloud', () => {
    expect(paths(fleetWith((ic) => (ic.clusters['t-nope'] = { asn: 64699 })))).toEqual(['platform.interconnect.clusters[t-nope]']);
    const oneAccount = (f: any) => (f.clusters.find((c: any) => c.name === 't-mgmt').accountId = f.clusters.find((c: any) => c.name === 't-aws').accountId);
    expect(paths(fleetWith((ic, f) => ((ic.clusters = { 't-aws': { asn: 64610 }, 't-mgmt': { asn: 64611 } }), oneAccount(f))))).toEqual(['platform.interconnect.clusters']);
  });

  test('fails when its AWS clusters are in two accounts: a pair stack acts on all of them with one set of AWS credentials', () => {
    const both = (ic: any) => (ic.clusters['t-mgmt'] = { asn: 64611 });
    const problems = interconnectProblems(fleetWith(both));
    expect(problems).toEqual([
      expect.objectContaining({ path: 'clusters[t-mgmt].accountId', message: expect.stringContaining('is not the account of clusters[t-aws] (100000000002)'), given: '"100000000001"', allowed: expect.stringContaining('100000000002') }),
    ]);
    // One account, or one named and the other not (it runs in the account of the credentials): no problem.
    expect(interconnectProblems(fleetWith((ic, f) => (both(ic), (f.clusters.find((c: any) => c.name === 't-mgmt').accountId = '100000000002'))))).toEqual([]);
    expect(interconnectProblems(fleetWith((ic, f) => (both(ic), delete f.clusters.find((c: any) => c.name === 't-mgmt').accountId)))).toEqual([]);
  });

  test('fails when the settings are not the shape the add-on reads, naming each field', () => {
    expect(paths(fleetWith((ic) => (ic.clusters['t-aws'] = { asm: 64610 })))).toEqual(['platform.interconnect.clusters[t-aws].asm', 'platform.interconnect.clusters[t-aws].asn']);
    expect(paths(fleetWith((ic) => (ic.tunnels = {})))).toEqual(['platform.interconnect.tunnels']);
    expect(paths(fleetWith((_ic, f) => (f.platform.interconnect = [])))).toEqual(['platform.interconnect']);
  });

  test('fails when a name built from two linked clusters would exceed the cloud\'s limit', () => {
    const f = fleetWith((ic, fleet) => {
      fleet.clusters[2].name = 'g'.repeat(30);
      ic.clusters[fleet.clusters[2].name] = ic.clusters['t-gcp'];
      delete ic.clusters['t-gcp'];
      fleet.clusters[1].name = 'a'.repeat(32);
      ic.clusters[fleet.clusters[1].name] = ic.clusters['t-aws'];
      delete ic.clusters['t-aws'];
    });
    // Each of the GCP end's four tunnels (their router interfaces and BGP peers take their names): 30 + 1 + 32 + 2 characters.
    const tunnel = (k: number) => `${'g'.repeat(30)}-${'a'.repeat(32)}-${k}`;
    expect(interconnectProblems(f)).toEqual([0, 1, 2, 3].map((k) => expect.objectContaining({ path: `platform.interconnect.clusters[${'g'.repeat(30)}]`, message: `the Compute Engine resource name "${tunnel(k)}" would have 65 characters; 1 to 63 allowed` })));
  });
});

describe('platform.interconnect: the Azure gateway\'s connections', () => {
  /** The test fleet's interconnect with `aws` AWS and `gcp` GCP clusters (t-aws, t-gcp and copies of them) linked to t-azure. */
  const linkedToAzure = (aws: number, gcp: number): any => fleetWith((ic, f) => withCopies(ic, f, aws, gcp));

  test('nothing at VpnGw1AZ\'s 30: 7 AWS networks × 4 and 1 GCP network × 2', () => {
    expect(interconnectProblems(linkedToAzure(7, 1))).toEqual([]);
  });

  test('fails past 30 (one more GCP network: 32), at the Azure cluster\'s entry, with the count and the linked clusters', () => {
    expect(interconnectProblems(linkedToAzure(7, 2))).toEqual([{
      path: 'platform.interconnect.clusters[t-azure]',
      message: 'its Azure VPN gateway (VpnGw1AZ) takes at most 30 site-to-site connections, and its links need 32 (7 AWS networks × 4, 2 GCP networks × 2): the pair stacks\' apply would fail at the first connection over',
      given: '["t-aws","t-aws2","t-aws3","t-aws4","t-aws5","t-aws6","t-aws7","t-gcp","t-gcp2"]',
      allowed: 'links needing at most 30 connections: fewer AWS or GCP clusters in platform.interconnect.clusters',
    }]);
  });
});

/** The test fleet's interconnect without t-azure, with `aws` AWS and `gcp` GCP networks, and an aws-gcp pool large enough for all their tunnels. */
const awsAndGcp = (aws: number, gcp: number): any => fleetWith((ic, f) => {
  delete ic.clusters['t-azure'];
  ic.tunnelRanges = { 'aws-gcp': '169.254.64.0/19' };
  withCopies(ic, f, aws, gcp);
});

describe('platform.interconnect: the routes an AWS network learns', () => {
  test('nothing at 100: 50 GCP networks of 2 ranges each', () => {
    expect(interconnectProblems(awsAndGcp(1, 50))).toEqual([]);
  });

  test('fails past the 100 propagated routes a VPC route table takes (51 GCP networks: 102 prefixes), at the AWS cluster\'s entry', () => {
    expect(interconnectProblems(awsAndGcp(1, 51))).toEqual([{
      path: 'platform.interconnect.clusters[t-aws]',
      message: 'its virtual private gateway would learn 102 prefixes over BGP, the ranges of 51 networks (51 GCP, 0 Azure, 0 AWS), and propagate them into the VPC\'s private route tables, which take at most 100 propagated routes, a limit AWS does not raise',
      given: '102',
      allowed: 'at most 100 prefixes (each GCP, Azure or AWS network advertises 2): fewer networks in platform.interconnect.clusters',
    }]);
  });
});

describe('platform.interconnect: the GCP network\'s Cloud Router', () => {
  test('nothing at 128 BGP peers: 32 AWS networks × 4', () => {
    expect(interconnectProblems(awsAndGcp(32, 1))).toEqual([]);
  });

  test('fails past 128 (33 AWS networks: 132), at the GCP cluster\'s entry, with the count and the linked clusters', () => {
    const problems = interconnectProblems(awsAndGcp(33, 1));
    expect(problems).toEqual([expect.objectContaining({
      path: 'platform.interconnect.clusters[t-gcp]',
      message: 'its Cloud Router takes at most 128 BGP peers, a limit Google does not raise, and its links need 132, one per tunnel (33 AWS networks × 4, 0 Azure networks × 2): the pair stacks\' apply would fail at the first peer over',
      allowed: 'links needing at most 128 BGP peers: fewer AWS or Azure clusters in platform.interconnect.clusters',
    })]);
    expect(JSON.parse(problems[0].given!)).toHaveLength(33);
  });
});
