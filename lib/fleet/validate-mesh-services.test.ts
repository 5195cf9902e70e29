import { fullFleet } from '../../test/fleet-fixture';
import { fleetProblems } from './validate-fleet';

/*
 * An external mesh service's host, endpoint addresses and port names: accepted where istiod 1.30.3
 * accepts them and they work once applied, refused with the reason otherwise (lib/fleet/mesh-host.ts
 * cites the sources). GIVEN the example fleet's `api` (host api.example.com, port https/443/HTTPS,
 * DNS endpoints on gcp-prod and aws-prod), WHEN one field changes, THEN these problems.
 */
const problemsWith = (edit: (api: any, f: any) => void) => {
  const f = fullFleet();
  edit(f.meshServices[0], f);
  return fleetProblems(f).map((p) => ({ path: p.path, message: p.message }));
};

describe('external mesh service hosts', () => {
  test.each([
    ['a wildcard host with an HTTPS port (matched by SNI)', '*.example.com'],
    ['uppercase letters (istiod\'s DNS proxy and Envoy\'s virtual hosts lowercase them)', 'API.Example.com'],
    ['a wildcard host with uppercase letters (Envoy lowercases the SNI and the server names it matches)', '*.Example.com'],
    ['a label starting with a digit', 'api.1example.com'],
  ])('accepts %s', (_, host) => {
    expect(problemsWith((api) => { api.host = host; })).toEqual([]);
  });

  test.each([
    ['the full wildcard, which istiod refuses', '*', 'istiod\'s validating webhook refuses the full wildcard "*" as a ServiceEntry host'],
    ['it ends in a dot, which istiod accepts but its DNS proxy never answers', 'api.example.com.', 'ends in a dot: istiod accepts it, but its DNS proxy answers no name ending in a dot and clients send Host and SNI without it, so calls would pass the ServiceEntry by, its endpoints and failover'],
    ['it is a partial wildcard, which istiod warns is not allowed and Envoy refuses as a server name', '*api.example.com', 'is a partial wildcard: istiod warns it is not allowed for DNS or STATIC resolution, and Envoy refuses it as a TLS server name, with the whole listener'],
    ['the wildcard is not the first label', 'api.*.com', 'istiod\'s validating webhook refuses this host: its label "*" is not a DNS label (letters, digits and "-", not first or last)'],
    ['it has an underscore', 'my_api.example.com', 'istiod\'s validating webhook refuses this host: its label "my_api" is not a DNS label (letters, digits and "-", not first or last)'],
    ['it is a mesh name, in any case', 'api.shop.svc.cluster.LOCAL', 'must be a fully qualified DNS name outside the mesh'],
  ])('fails when %s', (_, host, message) => {
    expect(problemsWith((api) => { api.host = host; })).toEqual([{ path: 'meshServices[api].host', message }]);
  });

  test('fails when a wildcard host has a TCP port, which would take every connection to that port', () => {
    expect(problemsWith((api) => {
      api.host = '*.example.com';
      api.ports.push({ number: 5432, name: 'postgres', protocol: 'TCP' });
    })).toEqual([{ path: 'meshServices[api].ports[postgres].protocol', message: 'a wildcard host (*.example.com) cannot serve a TCP port: it gets no address of its own, so the port would take every TCP connection to 5432 from every pod, to any destination' }]);
    // The same port on a host without a wildcard gets an address of its own (istiod allocates one).
    expect(problemsWith((api) => { api.ports.push({ number: 5432, name: 'postgres', protocol: 'TCP' }); })).toEqual([]);
  });

  test('fails when two hosts differ only in case, which istiod\'s DNS proxy answers as one name', () => {
    expect(problemsWith((api, f) => { f.meshServices.push({ ...structuredClone(api), name: 'api-upper', host: 'API.example.com' }); }))
      .toEqual([{ path: 'meshServices[api-upper].host', message: 'the same host as meshServices[api]' }]);
  });
});

describe('external mesh service endpoint addresses', () => {
  test('accepts a DNS name with uppercase letters or a trailing dot, which istiod accepts and DNS resolves alike', () => {
    expect(problemsWith((api) => {
      api.endpoints[0].address = 'API.gcp-prod.internal.example.com';
      api.endpoints[1].address = 'api.aws-prod.internal.example.com.';
    })).toEqual([]);
  });

  test('fails when two addresses in one locality differ only in case or a trailing dot: one endpoint, counted twice', () => {
    expect(problemsWith((api) => { api.endpoints.push({ ...api.endpoints[0], address: 'API.gcp-prod.internal.example.com.' }); }))
      .toEqual([{ path: 'meshServices[api].endpoints[2].address', message: 'endpoint 0 has the same address in the same locality (us-central1)' }]);
  });

  test.each(['DNS', 'STATIC'])('fails when an address is IPv6 (resolution %s): istiod accepts it, but no pod of the fleet\'s IPv4 clusters could reach it', (resolution) => {
    expect(problemsWith((api) => {
      api.resolution = resolution;
      api.endpoints[0].address = '2001:db8::15';
      api.endpoints[1].address = '10.20.0.15';
    })).toEqual([{ path: 'meshServices[api].endpoints[0].address', message: 'is an IPv6 address: istiod accepts it, but the fleet\'s clusters are IPv4 only (their pods have no IPv6 address or route), so no client could reach it' }]);
  });

  test('fails when a locality is longer than the 2048 characters of the ServiceEntry schema, at the endpoint (the schema check named only the file)', () => {
    const locality = `us-central1/us-central1-a/${'z'.repeat(2048 - 'us-central1/us-central1-a/'.length)}`;
    expect(problemsWith((api) => { api.endpoints[0].locality = locality; })).toEqual([]);
    expect(problemsWith((api) => { api.endpoints[0].locality = `${locality}z`; }))
      .toEqual([{ path: 'meshServices[api].endpoints[0].locality', message: 'too long: Istio takes a locality of at most 2048 characters' }]);
  });

  test('a trailing dot counts in the 255 characters istiod allows (CheckDNS1123Preconditions)', () => {
    const longest = Array(4).fill('a'.repeat(63)).join('.');
    expect(problemsWith((api) => { api.endpoints[0].address = longest; })).toEqual([]);
    expect(problemsWith((api) => { api.endpoints[0].address = `${longest}.`; }))
      .toEqual([{ path: 'meshServices[api].endpoints[0].address', message: 'istiod\'s validating webhook refuses this endpoint address: longer than 255 characters' }]);
  });

  test('fails when a name with a trailing dot ends in a numeric label', () => {
    expect(problemsWith((api) => { api.endpoints[0].address = '10.20.0.256.'; }))
      .toEqual([{ path: 'meshServices[api].endpoints[0].address', message: 'istiod\'s validating webhook refuses this endpoint address: its top-level label "256" is all digits' }]);
  });
});

describe('external mesh service port names', () => {
  test.each(['443-https', 'HTTPS'])('accepts %s: the name goes only into the ServiceEntry, whose webhook takes any DNS label', (name) => {
    expect(problemsWith((api) => { api.ports[0].name = name; })).toEqual([]);
  });

  test.each(['-https', 'https_1', 'https.1'])('fails when the name is %s, which istiod refuses', (name) => {
    expect(problemsWith((api) => { api.ports[0].name = name; })).toEqual([{ path: `meshServices[api].ports[${name}].name`, message: 'must be a DNS label of at most 63 characters' }]);
  });
});

describe('mesh services naming clusters', () => {
  test('fails at the endpoint\'s cluster, with a suggestion for a slip of the keyboard', () => {
    expect(problemsWith((api) => { api.endpoints[1].cluster = 'aws-prdo'; })).toContainEqual({ path: 'meshServices[api].endpoints[1].cluster', message: 'not a cluster of this fleet; did you mean "aws-prod"?' });
  });

  test('fails at the service\'s cluster list, with a suggestion for a slip of the keyboard', () => {
    expect(problemsWith((_, f) => { f.meshServices[1].clusters[1] = 'gcp-prdo'; })).toContainEqual({ path: 'meshServices[podinfo].clusters[1]', message: 'not a cluster of this fleet; did you mean "gcp-prod"?' });
  });
});
