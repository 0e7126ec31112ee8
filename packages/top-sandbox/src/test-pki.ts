/**
 * A throw-away certificate authority for store-network tests: a root like the one a TLS-inspecting
 * proxy installs, and server certificates it signs for the sandbox. Keys come from node:crypto;
 * node-forge writes the X.509 structures (Node can read certificates but not make them).
 * Test and tooling code only: never imported by the sandbox server or the app.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

interface TestCertificate {
  /** PEM certificate. */
  cert: string;
  /** PEM private key (PKCS#8). */
  key: string;
}

export interface TestCa extends TestCertificate {
  /** A server certificate for these DNS names and IP addresses, signed by this CA. */
  issue(names: readonly string[]): TestCertificate;
}

export interface TestCaSubject {
  commonName: string;
  organization?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function newKeys(): { pem: string; forgeKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const forgeKey = forge.pki.privateKeyFromPem(pem);
  return { pem, forgeKey, publicKey: forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e) };
}

function subjectOf(subject: TestCaSubject): forge.pki.CertificateField[] {
  const fields: forge.pki.CertificateField[] = [{ name: 'commonName', value: subject.commonName }];
  if (subject.organization !== undefined)
    fields.push({ name: 'organizationName', value: subject.organization });
  return fields;
}

function baseCertificate(publicKey: forge.pki.rsa.PublicKey): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  // A positive serial: the high bit cleared.
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  const now = Date.now();
  cert.validity.notBefore = new Date(now - DAY_MS);
  cert.validity.notAfter = new Date(now + 7 * DAY_MS);
  return cert;
}

const IP = /^(\d{1,3}\.){3}\d{1,3}$|:/;

/** A new root CA (valid from yesterday for a week). */
export function createTestCa(
  subject: TestCaSubject = {
    commonName: 'BalanceDesk Test Inspection CA',
    organization: 'BalanceDesk Tests',
  },
): TestCa {
  const keys = newKeys();
  const ca = baseCertificate(keys.publicKey);
  const name = subjectOf(subject);
  ca.setSubject(name);
  ca.setIssuer(name);
  ca.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  ca.sign(keys.forgeKey, forge.md.sha256.create());
  return {
    cert: forge.pki.certificateToPem(ca),
    key: keys.pem,
    issue(names) {
      const leafKeys = newKeys();
      const leaf = baseCertificate(leafKeys.publicKey);
      leaf.setSubject([{ name: 'commonName', value: names[0] ?? 'localhost' }]);
      leaf.setIssuer(ca.subject.attributes);
      leaf.setExtensions([
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: names.map((n) => (IP.test(n) ? { type: 7, ip: n } : { type: 2, value: n })),
        },
        { name: 'authorityKeyIdentifier', keyIdentifier: ca.generateSubjectKeyIdentifier().getBytes() },
      ]);
      leaf.sign(keys.forgeKey, forge.md.sha256.create());
      return { cert: forge.pki.certificateToPem(leaf), key: leafKeys.pem };
    },
  };
}
