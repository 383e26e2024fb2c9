// A minimal gRPC server on node:http2: unary calls plus server streams that stay open (go-plugin's
// stdio and broker streams). Enough for go-plugin's client and much cheaper to load than grpc-js.
import * as http2 from "node:http2";
import { decodeMessage, encodeMessage, MessageType, ProtobufDecodeError } from "./private/protobuf";

export const GrpcStatus = { OK: 0, INVALID_ARGUMENT: 3, UNIMPLEMENTED: 12, INTERNAL: 13, RESOURCE_EXHAUSTED: 8 } as const;

/** Thrown by a handler to end the call with a gRPC status other than OK. */
export class GrpcError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export type Route =
  | { readonly kind: "unary"; readonly request: MessageType; readonly response: MessageType; readonly handle: (req: any) => Promise<object> | object }
  /** A stream the server keeps open and never writes to, until the client or the server ends it. */
  | { readonly kind: "idle-stream" };

export interface GrpcServerOptions {
  readonly routes: ReadonlyMap<string, Route>;
  /** Log one line without payloads (payloads may hold secrets). */
  readonly log: (line: string) => void;
  readonly maxMessageBytes?: number;
}

const DEFAULT_MAX_MESSAGE = 256 * 1024 * 1024;

function trailersOnly(stream: http2.ServerHttp2Stream, status: number, message: string): void {
  if (stream.destroyed || stream.closed) return;
  if (stream.headersSent) {
    stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR);
    return;
  }
  stream.respond(
    { ":status": 200, "content-type": "application/grpc", "grpc-status": String(status), "grpc-message": encodeURIComponent(message) },
    { endStream: true },
  );
}

function frame(payload: Uint8Array): Buffer {
  const head = Buffer.alloc(5);
  head.writeUInt32BE(payload.length, 1);
  return Buffer.concat([head, payload]);
}

/** Splits a gRPC request body into its one message, refusing anything else. */
function singleMessage(body: Buffer): Uint8Array {
  if (body.length < 5) throw new GrpcError(GrpcStatus.INVALID_ARGUMENT, "request body shorter than a gRPC frame header");
  if (body[0] !== 0) throw new GrpcError(GrpcStatus.UNIMPLEMENTED, "compressed messages are not supported");
  const length = body.readUInt32BE(1);
  if (length !== body.length - 5) throw new GrpcError(GrpcStatus.INVALID_ARGUMENT, "request must carry exactly one complete message");
  return body.subarray(5);
}

export function handleStream(options: GrpcServerOptions, stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders): void {
  const path = String(headers[":path"] ?? "").replace(/^\//, "");
  stream.on("error", (err) => options.log(`[DEBUG] stream ${path}: ${err.message}`));
  const route = options.routes.get(path);
  if (!route) {
    options.log(`[DEBUG] unimplemented method ${path}`);
    trailersOnly(stream, GrpcStatus.UNIMPLEMENTED, `method ${path} is not implemented by terraform-provider-polyvisor`);
    stream.resume();
    return;
  }
  if (route.kind === "idle-stream") {
    stream.respond({ ":status": 200, "content-type": "application/grpc" }, { waitForTrailers: true });
    stream.on("wantTrailers", () => stream.sendTrailers({ "grpc-status": "0" }));
    stream.resume();
    return;
  }
  const max = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE;
  const chunks: Buffer[] = [];
  let size = 0;
  stream.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size > max + 5) {
      trailersOnly(stream, GrpcStatus.RESOURCE_EXHAUSTED, `request larger than ${max} bytes`);
      stream.removeAllListeners("data");
      stream.resume();
    } else {
      chunks.push(chunk);
    }
  });
  stream.on("end", () => {
    if (size > max + 5) return;
    void respondUnary(options, stream, path, route, Buffer.concat(chunks));
  });
}

async function respondUnary(options: GrpcServerOptions, stream: http2.ServerHttp2Stream, path: string, route: Extract<Route, { kind: "unary" }>, body: Buffer): Promise<void> {
  const started = performance.now();
  try {
    const request = decodeMessage(route.request, singleMessage(body));
    const response = await route.handle(request);
    const payload = frame(encodeMessage(route.response, response as Record<string, unknown>));
    if (stream.destroyed || stream.closed) return;
    stream.respond({ ":status": 200, "content-type": "application/grpc" }, { waitForTrailers: true });
    stream.on("wantTrailers", () => stream.sendTrailers({ "grpc-status": "0" }));
    stream.end(payload);
    options.log(`[DEBUG] ${path} ok in ${(performance.now() - started).toFixed(1)} ms`);
  } catch (err) {
    const status =
      err instanceof GrpcError ? err.status : err instanceof ProtobufDecodeError ? GrpcStatus.INVALID_ARGUMENT : GrpcStatus.INTERNAL;
    const message = err instanceof Error ? err.message : String(err);
    options.log(`[ERROR] ${path} failed with gRPC status ${status}: ${message}`);
    trailersOnly(stream, status, message);
  }
}
