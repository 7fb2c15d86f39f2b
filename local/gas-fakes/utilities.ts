/**
 * Utilities: sleeping on the fakes' clock, Java-style date formatting in a time zone, digests
 * and HMACs as signed byte arrays, base64, UUIDs and blobs.
 */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { bytesOf, Charset, encodingOf, FakeBlob, toSignedBytes } from './blob';
import { instrument } from './calls';
import { Fake } from './context';
import { formatJavaDate } from './date-patterns';
import { isDate, resolveZone } from './dates';
import { enumName, makeEnum } from './enums';
import { GasError } from './errors';

export const DigestAlgorithm = makeEnum(['MD2', 'MD5', 'SHA_1', 'SHA_256', 'SHA_384', 'SHA_512']);
export const MacAlgorithm = makeEnum([
  'HMAC_MD5',
  'HMAC_SHA_1',
  'HMAC_SHA_256',
  'HMAC_SHA_384',
  'HMAC_SHA_512',
]);

const NODE_DIGESTS: Record<string, string> = {
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
};

/** Google's cap on a single sleep. */
export const MAX_SLEEP_MS = 300_000;

function nodeAlgorithm(algorithm: unknown, prefix = ''): string {
  const name = enumName(algorithm);
  const node = name === undefined ? undefined : NODE_DIGESTS[name.slice(prefix.length)];
  if (!node || (prefix && !name?.startsWith(prefix)))
    throw new GasError('Invalid argument: algorithm');
  return node;
}

function decodeBase64(encoded: string, webSafe: boolean): Uint8Array {
  const text = String(encoded).replace(/\s+/g, '');
  const alphabet = webSafe ? /^[A-Za-z0-9_-]*={0,2}$/ : /^[A-Za-z0-9+/]*={0,2}$/;
  if (!alphabet.test(text) || text.replace(/=+$/, '').length % 4 === 1) {
    throw new GasError('Could not decode string.');
  }
  return new Uint8Array(Buffer.from(text, webSafe ? 'base64url' : 'base64'));
}

export class FakeUtilities extends Fake {
  readonly Charset = Charset;
  readonly DigestAlgorithm = DigestAlgorithm;
  readonly MacAlgorithm = MacAlgorithm;

  sleep(milliseconds: number): void {
    this.ctx.clock.sleep(Math.min(MAX_SLEEP_MS, Number(milliseconds)));
  }

  formatDate(date: Date, timeZone: string, format: string): string {
    if (!isDate(date))
      throw new GasError(
        "The parameters don't match the method signature for Utilities.formatDate.",
      );
    return formatJavaDate(date.getTime(), resolveZone(String(timeZone)), String(format));
  }

  formatString(template: string, ...args: unknown[]): string {
    let i = 0;
    return String(template).replace(
      /%(%|(\.\d+)?[sdfi])/g,
      (spec, body: string, precision?: string) => {
        if (body === '%') return '%';
        const value = args[i++];
        if (spec.endsWith('s')) return String(value);
        if (spec.endsWith('f'))
          return Number(value).toFixed(precision ? Number(precision.slice(1)) : 6);
        return String(Math.trunc(Number(value)));
      },
    );
  }

  computeDigest(algorithm: unknown, value: string | number[], charset?: unknown): number[] {
    const digest = createHash(nodeAlgorithm(algorithm)).update(bytesOf(value, charset)).digest();
    return toSignedBytes(digest);
  }

  computeHmacSha256Signature(
    value: string | number[],
    key: string | number[],
    charset?: unknown,
  ): number[] {
    const mac = createHmac('sha256', bytesOf(key, charset))
      .update(bytesOf(value, charset))
      .digest();
    return toSignedBytes(mac);
  }

  computeHmacSignature(
    algorithm: unknown,
    value: string | number[],
    key: string | number[],
    charset?: unknown,
  ): number[] {
    const mac = createHmac(nodeAlgorithm(algorithm, 'HMAC_'), bytesOf(key, charset))
      .update(bytesOf(value, charset))
      .digest();
    return toSignedBytes(mac);
  }

  base64Encode(data: string | number[], charset?: unknown): string {
    return Buffer.from(bytesOf(data, charset)).toString('base64');
  }

  base64EncodeWebSafe(data: string | number[], charset?: unknown): string {
    // Google's web-safe alphabet keeps the padding.
    return Buffer.from(bytesOf(data, charset))
      .toString('base64')
      .replace(/\+/g, '-')
      .replace(/\//g, '_');
  }

  base64Decode(encoded: string, charset?: unknown): number[] {
    encodingOf(charset);
    return toSignedBytes(decodeBase64(encoded, false));
  }

  base64DecodeWebSafe(encoded: string, charset?: unknown): number[] {
    encodingOf(charset);
    return toSignedBytes(decodeBase64(encoded, true));
  }

  getUuid(): string {
    return randomUUID();
  }

  newBlob(data: string | number[], contentType?: string, name?: string): FakeBlob {
    return new FakeBlob(this.ctx, bytesOf(data), contentType ?? null, name ?? null);
  }
}

instrument(FakeUtilities, 'Utilities', 'Utilities');
