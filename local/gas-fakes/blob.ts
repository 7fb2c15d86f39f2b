/**
 * A minimal Blob (Utilities.newBlob, HTTPResponse.getBlob): bytes, a content type and a name.
 * Bytes are exchanged as Apps Script does, as arrays of signed numbers (-128..127).
 */
import { instrument } from './calls';
import { Fake, type FakeContext } from './context';
import { enumName, makeEnum } from './enums';
import { GasError } from './errors';

export const Charset = makeEnum(['US_ASCII', 'UTF_8']);

export function toSignedBytes(bytes: Uint8Array): number[] {
  const out: number[] = [];
  for (const b of bytes) out.push(b > 127 ? b - 256 : b);
  return out;
}

/** Accepts signed or unsigned byte arrays (from any realm). */
export function fromByteArray(value: unknown, argument = 'data'): Uint8Array {
  if (!Array.isArray(value) && !(value instanceof Uint8Array))
    throw new GasError(`Invalid argument: ${argument}`);
  return Uint8Array.from(value as ArrayLike<number>, (b) => Number(b) & 0xff);
}

export function encodingOf(charset: unknown): BufferEncoding {
  if (charset === undefined || charset === null) return 'utf8';
  const name = enumName(charset);
  if (name === 'UTF_8') return 'utf8';
  if (name === 'US_ASCII') return 'ascii';
  throw new GasError('Invalid argument: charset');
}

/** Bytes of a string or byte array argument. */
export function bytesOf(value: unknown, charset?: unknown): Uint8Array {
  if (typeof value === 'string') return new Uint8Array(Buffer.from(value, encodingOf(charset)));
  return fromByteArray(value, 'value');
}

export class FakeBlob extends Fake {
  constructor(
    ctx: FakeContext,
    private bytes: Uint8Array,
    private contentType: string | null = null,
    private name: string | null = null,
  ) {
    super(ctx);
  }

  getBytes(): number[] {
    return toSignedBytes(this.bytes);
  }

  setBytes(data: number[]): FakeBlob {
    this.bytes = fromByteArray(data);
    return this;
  }

  getDataAsString(charset?: unknown): string {
    return Buffer.from(this.bytes).toString(encodingOf(charset));
  }

  setDataFromString(string: string, charset?: unknown): FakeBlob {
    this.bytes = bytesOf(String(string), charset);
    return this;
  }

  getContentType(): string | null {
    return this.contentType;
  }

  setContentType(contentType: string | null): FakeBlob {
    this.contentType = contentType;
    return this;
  }

  getName(): string | null {
    return this.name;
  }

  setName(name: string): FakeBlob {
    this.name = name;
    return this;
  }

  isGoogleType(): boolean {
    return false;
  }

  copyBlob(): FakeBlob {
    return new FakeBlob(this.ctx, this.bytes.slice(), this.contentType, this.name);
  }

  /** The raw bytes (a static, so reading them is not counted). */
  static bytesOf(blob: FakeBlob): Uint8Array {
    return blob.bytes;
  }
}

instrument(FakeBlob, 'Blob', 'Utilities');
