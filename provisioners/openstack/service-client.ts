// One OpenStack service seen through a keystone session: paths relative to the catalog endpoint,
// the token added to each request, a single re-authentication when a token was revoked early, and
// the service's microversion header.

import { OpenStackApiError } from "./api-error";
import type { KeystoneSession } from "./keystone";
import { parseJson, send, withQuery, type HttpResult, type QueryValue } from "./private/http";

export interface RequestOptions {
  readonly query?: { readonly [key: string]: QueryValue };
  readonly json?: unknown;
  readonly raw?: Buffer | AsyncIterable<Uint8Array>;
  readonly headers?: { readonly [name: string]: string };
  /** 0 disables the timeout (uploads). */
  readonly timeoutMs?: number;
}

export interface ApiResponse<T> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

export class ServiceClient {
  readonly session: KeystoneSession;
  readonly serviceType: string;
  /** Extra headers on every request (microversions). */
  protected versionHeaders: { [name: string]: string } = {};

  constructor(session: KeystoneSession, serviceType: string) {
    this.session = session;
    this.serviceType = serviceType;
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const attempt = async (): Promise<HttpResult> =>
      send(
        {
          service: this.serviceType,
          method,
          url: withQuery(`${await this.session.endpoint(this.serviceType)}${path}`, options.query),
          headers: { ...this.versionHeaders, ...options.headers, "X-Auth-Token": await this.session.token() },
          json: options.json,
          raw: options.raw,
          timeoutMs: options.timeoutMs ?? this.session.options.timeoutMs,
        },
        this.session.options.log,
      );
    let result: HttpResult;
    try {
      result = await attempt();
    } catch (err) {
      const replayable = options.raw === undefined || Buffer.isBuffer(options.raw);
      if (!(err instanceof OpenStackApiError && err.status === 401 && replayable)) throw err;
      this.session.invalidate();
      result = await attempt();
    }
    return { status: result.status, headers: result.headers, body: parseJson<T>(result) };
  }

  async get<T>(path: string, query?: RequestOptions["query"]): Promise<T> {
    return (await this.request<T>("GET", path, { query })).body;
  }

  async post<T>(path: string, json?: unknown): Promise<T> {
    return (await this.request<T>("POST", path, { json: json ?? {} })).body;
  }

  async put<T>(path: string, json?: unknown): Promise<T> {
    return (await this.request<T>("PUT", path, { json })).body;
  }

  async delete(path: string): Promise<void> {
    await this.request("DELETE", path);
  }
}
