// The one place polyvisor sends HTTP to OpenStack: node's fetch, JSON in and out, a timeout, and
// failures turned into OpenStackApiError / ApiUnreachable. Headers and bodies are never put into
// errors or the request log, so tokens and passwords cannot leak through them.

import { OpenStackApiError, unreachable, type ApiRequest } from "../api-error";

export type QueryValue = string | number | boolean | undefined;

export interface HttpCall {
  readonly service: string;
  readonly method: string;
  readonly url: string;
  readonly headers: { readonly [name: string]: string };
  /** A JSON body, or raw bytes / a stream (sent as is). */
  readonly json?: unknown;
  readonly raw?: Buffer | AsyncIterable<Uint8Array>;
  readonly timeoutMs?: number;
}

export interface HttpResult {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

/** What the optional request log receives: no headers, no bodies. */
export interface RequestLogEntry extends ApiRequest {
  readonly status: number;
  readonly ms: number;
}

export type RequestLog = (entry: RequestLogEntry) => void;

export const DEFAULT_TIMEOUT_MS = 60_000;

export async function send(call: HttpCall, log?: RequestLog): Promise<HttpResult> {
  const request = describe(call);
  const headers: Record<string, string> = { Accept: "application/json", ...call.headers };
  let body: RequestInit["body"];
  if (call.json !== undefined) {
    headers["Content-Type"] ??= "application/json";
    body = JSON.stringify(call.json);
  } else if (call.raw !== undefined) {
    headers["Content-Type"] ??= "application/octet-stream";
    body = call.raw as RequestInit["body"];
  }
  const started = Date.now();
  let response: Response;
  try {
    response = await fetch(call.url, {
      method: call.method,
      headers,
      body,
      signal: call.timeoutMs === 0 ? undefined : AbortSignal.timeout(call.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      // Streams need half-duplex in node's fetch.
      ...(call.raw !== undefined && !Buffer.isBuffer(call.raw) ? { duplex: "half" } : {}),
    } as RequestInit);
  } catch (err) {
    throw unreachable(request, err);
  }
  const text = await response.text();
  log?.({ ...request, status: response.status, ms: Date.now() - started });
  if (response.status >= 400) throw OpenStackApiError.fromResponse(response.status, request, text);
  return { status: response.status, headers: response.headers, text };
}

export function parseJson<T>(result: HttpResult): T {
  return (result.text === "" ? undefined : JSON.parse(result.text)) as T;
}

export function withQuery(url: string, query?: { readonly [key: string]: QueryValue }): string {
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.append(k, String(v));
  const qs = params.toString();
  return qs === "" ? url : `${url}${url.includes("?") ? "&" : "?"}${qs}`;
}

function describe(call: HttpCall): ApiRequest {
  const u = new URL(call.url);
  return { service: call.service, method: call.method, path: `${u.pathname}${u.search}` };
}
