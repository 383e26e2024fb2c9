// A small protobuf (proto3) wire codec driven by message descriptors (see ../messages.ts).
// Hand-written instead of protobufjs/grpc-js to keep the provider's start-up short: terraform
// starts the plugin several times per command.

export type Scalar = "string" | "bytes" | "bool" | "int64" | "enum";

export interface MessageType {
  readonly name: string;
  readonly fields: readonly FieldDescriptor[];
}

export interface FieldDescriptor {
  readonly name: string;
  readonly no: number;
  /** A scalar, a message (thunk, so descriptors can refer to each other), or a map<string, V>. */
  readonly type: Scalar | (() => MessageType) | { readonly mapOf: Scalar | (() => MessageType) };
  readonly repeated?: boolean;
  /** Member of a oneof: written even when it holds the default value. */
  readonly oneof?: boolean;
}

/** Raised for bytes that are not a valid encoding of the expected message. */
export class ProtobufDecodeError extends Error {}

type Msg = { [field: string]: unknown };

// ---------------------------------------------------------------- encoding

class Writer {
  private chunks: Uint8Array[] = [];
  private length = 0;

  push(bytes: Uint8Array): void {
    this.chunks.push(bytes);
    this.length += bytes.length;
  }

  varint(value: number | bigint): void {
    let v = BigInt.asUintN(64, BigInt(value));
    const out: number[] = [];
    while (v >= 0x80n) {
      out.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    out.push(Number(v));
    this.push(Uint8Array.from(out));
  }

  smallVarint(value: number): void {
    if (value < 0 || value > 0x0fffffff) return this.varint(value);
    const out: number[] = [];
    while (value >= 0x80) {
      out.push((value & 0x7f) | 0x80);
      value >>>= 7;
    }
    out.push(value);
    this.push(Uint8Array.from(out));
  }

  tag(no: number, wireType: number): void {
    this.smallVarint((no << 3) | wireType);
  }

  lengthDelimited(no: number, bytes: Uint8Array): void {
    this.tag(no, 2);
    this.smallVarint(bytes.length);
    this.push(bytes);
  }

  finish(): Uint8Array {
    return Buffer.concat(this.chunks, this.length);
  }
}

const isMessage = (t: FieldDescriptor["type"]): t is () => MessageType => typeof t === "function";

function encodeValue(w: Writer, no: number, type: Scalar | (() => MessageType), value: unknown): void {
  if (isMessage(type)) return w.lengthDelimited(no, encodeMessage(type(), value as Msg));
  switch (type) {
    case "string":
      return w.lengthDelimited(no, Buffer.from(String(value), "utf8"));
    case "bytes":
      return w.lengthDelimited(no, value as Uint8Array);
    case "bool":
      w.tag(no, 0);
      return w.smallVarint(value ? 1 : 0);
    case "int64":
    case "enum":
      w.tag(no, 0);
      return w.varint(value as number | bigint);
  }
}

function isDefault(type: FieldDescriptor["type"], value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (isMessage(type) || typeof type === "object") return false;
  switch (type) {
    case "string":
      return value === "";
    case "bytes":
      return (value as Uint8Array).length === 0;
    case "bool":
      return value === false;
    default:
      return value === 0 || value === 0n;
  }
}

export function encodeMessage(type: MessageType, message: Msg): Uint8Array {
  const w = new Writer();
  for (const field of type.fields) {
    const value = message[field.name];
    if (value === undefined || value === null) continue;
    if (typeof field.type === "object") {
      const valueType = field.type.mapOf;
      for (const [key, item] of Object.entries(value as Msg)) {
        const entry = new Writer();
        encodeValue(entry, 1, "string", key);
        encodeValue(entry, 2, valueType, item);
        w.lengthDelimited(field.no, entry.finish());
      }
    } else if (field.repeated) {
      for (const item of value as unknown[]) encodeValue(w, field.no, field.type, item);
    } else if (field.oneof || !isDefault(field.type, value)) {
      encodeValue(w, field.no, field.type, value);
    }
  }
  return w.finish();
}

// ---------------------------------------------------------------- decoding

class Reader {
  pos = 0;
  constructor(readonly buf: Uint8Array) {}

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.buf.length) throw new ProtobufDecodeError("truncated varint");
      const byte = this.buf[this.pos++];
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return BigInt.asUintN(64, result);
      shift += 7n;
    }
    throw new ProtobufDecodeError("varint longer than 10 bytes");
  }

  length(): number {
    const n = this.varint();
    if (n > BigInt(this.buf.length - this.pos)) throw new ProtobufDecodeError("length past end of message");
    return Number(n);
  }

  bytes(): Uint8Array {
    const n = this.length();
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  skip(wireType: number): void {
    switch (wireType) {
      case 0:
        this.varint();
        return;
      case 1:
        return this.advance(8);
      case 2:
        this.pos += this.length();
        return;
      case 5:
        return this.advance(4);
      default:
        throw new ProtobufDecodeError(`unsupported wire type ${wireType}`);
    }
  }

  private advance(n: number): void {
    if (this.pos + n > this.buf.length) throw new ProtobufDecodeError("truncated fixed-width field");
    this.pos += n;
  }
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

function decodeValue(r: Reader, wireType: number, type: Scalar | (() => MessageType)): unknown {
  const expected = isMessage(type) || type === "string" || type === "bytes" ? 2 : 0;
  if (wireType !== expected) throw new ProtobufDecodeError(`wire type ${wireType} where ${expected} was expected`);
  if (isMessage(type)) return decodeMessage(type(), r.bytes());
  switch (type) {
    case "string":
      try {
        return utf8.decode(r.bytes());
      } catch {
        throw new ProtobufDecodeError("string field is not valid UTF-8");
      }
    case "bytes":
      return Buffer.from(r.bytes());
    case "bool":
      return r.varint() !== 0n;
    case "int64":
      return Number(BigInt.asIntN(64, r.varint()));
    case "enum":
      return Number(BigInt.asIntN(32, r.varint()));
  }
}

function defaultFor(field: FieldDescriptor): unknown {
  if (field.repeated) return [];
  if (typeof field.type === "object") return {};
  if (isMessage(field.type)) return undefined;
  switch (field.type) {
    case "string":
      return "";
    case "bytes":
      return Buffer.alloc(0);
    case "bool":
      return false;
    default:
      return 0;
  }
}

const byNumberCache = new WeakMap<MessageType, Map<number, FieldDescriptor>>();

function fieldsByNumber(type: MessageType): Map<number, FieldDescriptor> {
  let map = byNumberCache.get(type);
  if (!map) {
    map = new Map(type.fields.map((f) => [f.no, f]));
    byNumberCache.set(type, map);
  }
  return map;
}

export function decodeMessage<T = Msg>(type: MessageType, bytes: Uint8Array): T {
  const out: Msg = {};
  for (const field of type.fields) out[field.name] = defaultFor(field);
  const fields = fieldsByNumber(type);
  const r = new Reader(bytes);
  while (!r.done) {
    const key = Number(r.varint());
    const no = key >>> 3;
    const wireType = key & 7;
    if (no === 0) throw new ProtobufDecodeError("field number 0");
    const field = fields.get(no);
    if (!field) {
      r.skip(wireType);
      continue;
    }
    if (typeof field.type === "object") {
      const entry = decodeMessage<{ key: string; value: unknown }>(
        { name: `${type.name}.${field.name}Entry`, fields: [{ name: "key", no: 1, type: "string" }, { name: "value", no: 2, type: field.type.mapOf }] },
        decodeValue(r, wireType, "bytes") as Uint8Array,
      );
      (out[field.name] as Msg)[entry.key] = entry.value;
    } else if (field.repeated) {
      (out[field.name] as unknown[]).push(decodeValue(r, wireType, field.type));
    } else {
      out[field.name] = decodeValue(r, wireType, field.type);
    }
  }
  return out as T;
}
