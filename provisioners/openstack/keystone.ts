// A keystone v3 session: password authentication scoped to a project, the token reused until
// shortly before it expires, and endpoints chosen from the catalog that came with it. The token and
// password stay inside this object; nothing here logs them.

import { PolyvisorError } from "../errors";
import { selectEndpoint, type CatalogEntry } from "./catalog";
import type { OpenStackCredentials } from "./credentials";
import { parseJson, send, type RequestLog } from "./private/http";

/** Re-authenticate this long before the token's expiry (at most half the token's lifetime). */
const EXPIRY_MARGIN_MS = 120_000;

interface TokenBody {
  readonly token: {
    readonly expires_at: string;
    readonly catalog?: readonly CatalogEntry[];
    readonly project?: { readonly id: string; readonly name: string };
    readonly user?: { readonly id: string; readonly name: string };
    readonly roles?: readonly { readonly name: string }[];
  };
}

export interface SessionOptions {
  /** Called once per HTTP request with method, path, status and duration (never headers/bodies). */
  readonly log?: RequestLog;
  /** Per-request timeout in ms (default 60 s). */
  readonly timeoutMs?: number;
  /** Endpoint URLs by service type that replace the catalog's (like `--os-compute-api-url`). */
  readonly endpointOverrides?: { readonly [serviceType: string]: string };
}

interface Token {
  readonly value: string;
  /** When to stop reusing it. */
  readonly refreshAt: number;
  readonly catalog: readonly CatalogEntry[];
  readonly projectId?: string;
  readonly roles: readonly string[];
}

export class KeystoneSession {
  readonly credentials: OpenStackCredentials;
  readonly options: SessionOptions;
  private current?: Token;
  private pending?: Promise<Token>;
  /** How many times this session asked keystone for a token (tests and benchmarks read it). */
  authCount = 0;

  constructor(credentials: OpenStackCredentials, options: SessionOptions = {}) {
    this.credentials = credentials;
    this.options = options;
  }

  /** v3 base URL, whether the credentials gave `.../v3` or just the host. */
  get identityUrl(): string {
    const base = this.credentials.authUrl.replace(/\/+$/, "");
    return /\/v3$/.test(base) ? base : `${base}/v3`;
  }

  /** A valid token value, reused until it is about to expire. */
  async token(): Promise<string> {
    return (await this.valid()).value;
  }

  async projectId(): Promise<string | undefined> {
    return (await this.valid()).projectId;
  }

  async roles(): Promise<readonly string[]> {
    return (await this.valid()).roles;
  }

  /** Endpoint URL (no trailing slash) of a service type for this session's interface and region. */
  async endpoint(serviceType: string): Promise<string> {
    const override = this.options.endpointOverrides?.[serviceType];
    if (override) return override.replace(/\/+$/, "");
    const { catalog } = await this.valid();
    return selectEndpoint(catalog, serviceType, this.credentials.interface, this.credentials.regionName);
  }

  /** Forget the token (after a 401 the next call authenticates again). */
  invalidate(): void {
    this.current = undefined;
  }

  private async valid(): Promise<Token> {
    if (this.current && this.current.refreshAt > Date.now()) return this.current;
    this.pending ??= this.authenticate().finally(() => (this.pending = undefined));
    this.current = await this.pending;
    return this.current;
  }

  private async authenticate(): Promise<Token> {
    const c = this.credentials;
    this.authCount++;
    const result = await send(
      {
        service: "identity",
        method: "POST",
        url: `${this.identityUrl}/auth/tokens`,
        headers: {},
        json: {
          auth: {
            identity: {
              methods: ["password"],
              password: { user: { name: c.username, domain: { name: c.userDomainName }, password: c.password } },
            },
            scope: { project: { name: c.projectName, domain: { name: c.projectDomainName } } },
          },
        },
        timeoutMs: this.options.timeoutMs,
      },
      this.options.log,
    );
    const value = result.headers.get("x-subject-token");
    const body = parseJson<TokenBody>(result);
    if (!value || !body?.token?.expires_at) {
      throw new PolyvisorError("ApiBadResponse", "keystone answered without a token", {
        where: `POST ${new URL(this.identityUrl).pathname}/auth/tokens`,
        fix: "check that OS_AUTH_URL points at keystone's v3 API",
      });
    }
    const now = Date.now();
    const expiresAt = Date.parse(body.token.expires_at);
    return {
      value,
      refreshAt: expiresAt - Math.min(EXPIRY_MARGIN_MS, Math.max(0, (expiresAt - now) / 2)),
      catalog: body.token.catalog ?? [],
      projectId: body.token.project?.id,
      roles: (body.token.roles ?? []).map((r) => r.name),
    };
  }
}
