import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

/**
 * A self-signed X.509 certificate made with node:crypto alone, for the PayPal emulator and tests:
 * there is no internet to fetch PayPal's real certificate from, and Node can parse certificates
 * (X509Certificate) but not create them, so this writes the DER by hand (RFC 5280 §4.1, the minimal
 * v3 form without extensions). Never used to trust anything in production.
 */

const der = (tag: number, content: Buffer): Buffer => {
  const n = content.length;
  const length =
    n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, content]);
};
const sequence = (...items: Buffer[]) => der(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => der(0x31, Buffer.concat(items));
const integer = (bytes: Buffer) =>
  der(0x02, bytes[0] !== undefined && bytes[0] & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
const nullValue = Buffer.from([0x05, 0x00]);

function oid(dotted: string): Buffer {
  const [a = 0, b = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [40 * a + b];
  for (const arc of rest) {
    const chunk = [arc & 0x7f];
    for (let v = arc >>> 7; v > 0; v >>>= 7) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return der(0x06, Buffer.from(bytes));
}

/** UTCTime for years before 2050, GeneralizedTime after (RFC 5280 §4.1.2.5). */
function time(date: Date): Buffer {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return date.getUTCFullYear() < 2050
    ? der(0x17, Buffer.from(`${iso.slice(2)}Z`))
    : der(0x18, Buffer.from(`${iso}Z`));
}

const commonName = (cn: string) =>
  sequence(set(sequence(oid('2.5.4.3'), der(0x0c, Buffer.from(cn, 'utf8')))));
const SHA256_WITH_RSA = sequence(oid('1.2.840.113549.1.1.11'), nullValue);

export interface TestCertificate {
  certificatePem: string;
  privateKey: KeyObject;
}

export function createSelfSignedCertificate(options: {
  commonName: string;
  notBefore: Date;
  notAfter: Date;
  keyPair?: { publicKey: KeyObject; privateKey: KeyObject };
}): TestCertificate {
  const { publicKey, privateKey } = options.keyPair ?? generateKeyPairSync('rsa', { modulusLength: 2048 });
  const name = commonName(options.commonName);
  const tbs = sequence(
    der(0xa0, integer(Buffer.from([2]))), // [0] EXPLICIT version: v3
    integer(Buffer.from([0x01, 0x23, 0x45, 0x67])),
    SHA256_WITH_RSA,
    name,
    sequence(time(options.notBefore), time(options.notAfter)),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
  );
  const signature = sign('sha256', tbs, privateKey);
  const certificate = sequence(tbs, SHA256_WITH_RSA, der(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const base64 = certificate.toString('base64').replace(/.{64}/g, '$&\n');
  return {
    certificatePem: `-----BEGIN CERTIFICATE-----\n${base64.trimEnd()}\n-----END CERTIFICATE-----\n`,
    privateKey,
  };
}
