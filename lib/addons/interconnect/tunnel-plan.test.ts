import { cidrSize, overlaps, requireCidr } from '../../fleet';
import { DEFAULT_TUNNEL_RANGES, freeSlash30s, InterconnectMember, planInterconnect, RESERVED_INSIDE_CIDRS, TUNNELS_PER_LINK } from './tunnel-plan';

const members: InterconnectMember[] = [
  { cluster: 'gcp-a', cloud: 'gcp', asn: 64620 },
  { cluster: 'aws-b', cloud: 'aws', asn: 64611 },
  { cluster: 'azure-a', cloud: 'azure', asn: 64630 },
  { cluster: 'aws-a', cloud: 'aws', asn: 64610 },
];

describe('planInterconnect', () => {
  const plan = planInterconnect(members, DEFAULT_TUNNEL_RANGES);

  test('links every network of one cloud to every network of each other cloud, never two of the same cloud', () => {
    expect(plan.links.map((l) => [l.pair, l.name])).toEqual([
      ['aws-azure', 'aws-a-azure-a'],
      ['aws-azure', 'aws-b-azure-a'],
      ['aws-gcp', 'aws-a-gcp-a'],
      ['aws-gcp', 'aws-b-gcp-a'],
      ['azure-gcp', 'azure-a-gcp-a'],
    ]);
    expect(plan.links.map((l) => l.tunnels.length)).toEqual([4, 4, 4, 4, 2]);
    expect(plan.short).toEqual([]);
  });

  test('the same members in any order give the same plan', () => {
    expect(planInterconnect([...members].reverse(), DEFAULT_TUNNEL_RANGES)).toEqual(plan);
  });

  test('every tunnel has its own /30 inside its pair\'s pool; no two overlap, none is reserved', () => {
    const all = plan.links.flatMap((l) => l.tunnels.map((t) => ({ pair: l.pair, cidr: requireCidr(t.insideCidr) })));
    for (const t of all) {
      expect(t.cidr.prefix).toBe(30);
      const pool = requireCidr(DEFAULT_TUNNEL_RANGES[t.pair]);
      expect(t.cidr.start >= pool.start && t.cidr.start + 4 <= pool.start + cidrSize(pool)).toBe(true);
      expect(RESERVED_INSIDE_CIDRS.some((r) => overlaps(requireCidr(r), t.cidr))).toBe(false);
    }
    for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) expect(overlaps(all[i].cidr, all[j].cidr)).toBe(false);
  });

  test('AWS takes the first address of a /30 and Azure the second (as AWS assigns them); GCP the first opposite Azure', () => {
    const [awsAzure] = plan.links;
    expect(awsAzure.tunnels[0]).toEqual({ index: 0, insideCidr: '169.254.21.0/30', address: { aws: '169.254.21.1', azure: '169.254.21.2' } });
    const awsGcp = plan.links.find((l) => l.pair === 'aws-gcp')!;
    expect(awsGcp.tunnels[3]).toEqual({ index: 3, insideCidr: '169.254.64.12/30', address: { aws: '169.254.64.13', gcp: '169.254.64.14' } });
    const azureGcp = plan.links.find((l) => l.pair === 'azure-gcp')!;
    expect(azureGcp.tunnels.map((t) => t.address)).toEqual([{ gcp: '169.254.22.1', azure: '169.254.22.2' }, { gcp: '169.254.22.5', azure: '169.254.22.6' }]);
  });

  test('a pool holding AWS-reserved /30s skips them', () => {
    expect(freeSlash30s(requireCidr('169.254.0.0/29')).map((c) => c.text)).toEqual(['169.254.0.4/30']);
    expect(freeSlash30s(requireCidr('169.254.169.248/29')).map((c) => c.text)).toEqual(['169.254.169.248/30']);
    expect(freeSlash30s(requireCidr('169.254.5.0/29')).map((c) => c.text)).toEqual(['169.254.5.4/30']);
  });

  test('a pool too small for its pair\'s links is reported with what they need', () => {
    const small = planInterconnect(members, { ...DEFAULT_TUNNEL_RANGES, 'aws-gcp': '169.254.64.0/28' });
    expect(small.short).toEqual([{ pair: 'aws-gcp', needed: 2 * TUNNELS_PER_LINK['aws-gcp'], available: 4 }]);
    expect(small.links.some((l) => l.pair === 'aws-gcp')).toBe(false);
  });
});
