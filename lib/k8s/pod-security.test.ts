import { APP_NAMESPACE_POD_SECURITY_LABELS, POD_SECURITY_LABEL_PREFIX } from './pod-security';

// The modes and levels Pod Security Admission reads (kubernetes.io docs: concepts/security/pod-security-admission);
// a label outside them is ignored by the API server, silently.
const MODES = ['enforce', 'audit', 'warn'];
const LEVELS = ['privileged', 'baseline', 'restricted'];

describe('APP_NAMESPACE_POD_SECURITY_LABELS', () => {
  test('every label is a mode Pod Security Admission reads, set to one of its levels', () => {
    for (const [key, level] of Object.entries(APP_NAMESPACE_POD_SECURITY_LABELS)) {
      expect(key.startsWith(POD_SECURITY_LABEL_PREFIX)).toBe(true);
      expect(MODES).toContain(key.slice(POD_SECURITY_LABEL_PREFIX.length));
      expect(LEVELS).toContain(level);
    }
  });

  test('baseline is warned about and audited, not enforced: synth cannot see which apps\' pods need more', () => {
    expect(APP_NAMESPACE_POD_SECURITY_LABELS).toEqual({ [`${POD_SECURITY_LABEL_PREFIX}audit`]: 'baseline', [`${POD_SECURITY_LABEL_PREFIX}warn`]: 'baseline' });
  });
});
