// RECORDING FAKE of the Keystone v3 / Nova / Glance / Cinder / Neutron / Placement REST protocols.
//
// It exists only because the hypervisors polyvisor must also drive (vCenter, Hyper-V, XenServer,
// z/VM, PowerVM, Virtuozzo, KVM on other architectures) cannot run on these machines. It listens on
// 127.0.0.1, RECORDS every request (method, path, query, headers, JSON body) and answers with JSON
// in the services' own shapes, moving servers through nova's statuses one poll at a time and
// refusing what nova's instance-state checks refuse (409 conflictingRequest). It is not OpenStack:
// the end-to-end tests run the same call path against the real Zed cloud.

import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { OpenStackCredentials } from "../../../../provisioners/openstack";
import { FakeNova, type FakeHypervisor } from "./fake-nova-state";

export type { FakeHypervisor } from "./fake-nova-state";

export interface RecordedRequest {
  readonly method: string;
  /** Path below the service prefix, e.g. `/servers/ID/action` for compute. */
  readonly path: string;
  readonly service: "identity" | "compute" | "image" | "network" | "volume" | "placement" | "unknown";
  readonly query: { readonly [key: string]: string };
  readonly headers: { readonly [name: string]: string };
  readonly body: unknown;
}

export interface FakeOptions {
  readonly password?: string;
  /** Compute API maximum microversion (default 2.93, Zed's). */
  readonly maxMicroversion?: string;
  readonly hypervisors?: readonly FakeHypervisor[];
  readonly tokenTtlSeconds?: number;
  readonly region?: string;
  /** Leave cinder out of the catalog (a cloud with no volume service, like the Zed test cloud). */
  readonly withoutVolumeService?: boolean;
}

export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: { readonly [name: string]: string };
}

const PROJECT_ID = "5e0a8b6c1d2f4e3a9b8c7d6e5f4a3b2c";

export class RecordingFakeOpenStack {
  readonly requests: RecordedRequest[] = [];
  readonly nova: FakeNova;
  tokensIssued = 0;
  private readonly injected: { match: (r: RecordedRequest) => boolean; reply: Reply }[] = [];

  private constructor(
    private readonly http: HttpServer,
    readonly port: number,
    private readonly options: FakeOptions,
  ) {
    this.nova = new FakeNova(options.hypervisors ?? [{ hostname: "compute-1", hypervisorType: "QEMU", arch: "x86_64" }]);
  }

  static async start(options: FakeOptions = {}): Promise<RecordingFakeOpenStack> {
    let fake: RecordingFakeOpenStack | undefined;
    const http = createServer((req, res) => void fake!.handle(req, res));
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    fake = new RecordingFakeOpenStack(http, (http.address() as AddressInfo).port, options);
    return fake;
  }

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get authUrl(): string {
    return `${this.base}/identity/v3`;
  }

  credentials(overrides: Partial<OpenStackCredentials> = {}): OpenStackCredentials {
    return {
      authUrl: this.authUrl,
      username: "admin",
      password: this.options.password ?? "fake-secret-password",
      projectName: "admin",
      userDomainName: "Default",
      projectDomainName: "Default",
      regionName: this.options.region ?? "RegionOne",
      interface: "public",
      ...overrides,
    };
  }

  /** Requests that change something (everything but GET and token requests). */
  mutating(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== "GET" && r.service !== "identity");
  }

  /** Answer the next request that matches with `reply` instead of the fake's own answer. */
  inject(match: (r: RecordedRequest) => boolean, reply: Reply): void {
    this.injected.push({ match, reply });
  }

  clear(): void {
    this.requests.length = 0;
  }

  async stop(): Promise<void> {
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? "/", this.base);
    const [, prefix, ...rest] = url.pathname.split("/");
    const service = SERVICES[prefix] ?? "unknown";
    let path = `/${rest.join("/")}`;
    if (service === "compute") path = path.replace(/^\/v2\.1/, "") || "/";
    if (service === "volume") path = path.replace(new RegExp(`^/v3/${PROJECT_ID}`), "");
    let body: unknown = undefined;
    const contentType = String(req.headers["content-type"] ?? "");
    if (raw.length > 0) body = contentType.includes("json") ? JSON.parse(raw.toString("utf8")) : { bytes: raw.length };
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    const recorded: RecordedRequest = { method: req.method ?? "GET", path, service, query: Object.fromEntries(url.searchParams), headers, body };
    this.requests.push(recorded);

    const injectedIndex = this.injected.findIndex((i) => i.match(recorded));
    let reply: Reply;
    if (injectedIndex >= 0) {
      reply = this.injected.splice(injectedIndex, 1)[0].reply;
    } else if (service === "identity") {
      reply = this.identity(recorded);
    } else if (service === "unknown") {
      reply = { status: 404, body: { itemNotFound: { code: 404, message: `fake: no service at ${url.pathname}` } } };
    } else if (headers["x-auth-token"] !== this.currentToken) {
      reply = { status: 401, body: { error: { code: 401, title: "Unauthorized", message: "The request you have made requires authentication." } } };
    } else {
      reply = this.nova.route(recorded, this.options.maxMicroversion ?? "2.93");
    }
    res.writeHead(reply.status, { "Content-Type": "application/json", Connection: "close", ...reply.headers });
    res.end(reply.body === undefined ? "" : JSON.stringify(reply.body));
  }

  private currentToken = "";

  private identity(r: RecordedRequest): Reply {
    if (r.method === "GET" && (r.path === "/v3" || r.path === "/v3/")) {
      // Version discovery, as keystoneauth (the openstack CLI) asks for it.
      return { status: 200, body: { version: { id: "v3.14", status: "stable", updated: "2020-04-07T00:00:00Z", links: [{ rel: "self", href: `${this.authUrl}/` }], "media-types": [{ base: "application/json", type: "application/vnd.openstack.identity-v3+json" }] } } };
    }
    if (r.method !== "POST" || r.path !== "/v3/auth/tokens") return { status: 404, body: { error: { code: 404, message: "fake: not found" } } };
    const auth = (r.body as { auth?: { identity?: { password?: { user?: { name?: string; password?: string } } } } })?.auth;
    const user = auth?.identity?.password?.user;
    if (user?.password !== (this.options.password ?? "fake-secret-password")) {
      return { status: 401, body: { error: { code: 401, title: "Unauthorized", message: "The request you have made requires authentication." } } };
    }
    this.tokensIssued++;
    this.currentToken = `gAAAAfake-token-${this.tokensIssued}`;
    const expires = new Date(Date.now() + (this.options.tokenTtlSeconds ?? 3600) * 1000).toISOString();
    const region = this.options.region ?? "RegionOne";
    const endpoint = (type: string, url: string) => ({
      type,
      name: type,
      endpoints: ["public", "internal", "admin"].map((i) => ({ interface: i, region, region_id: region, url })),
    });
    return {
      status: 201,
      headers: { "X-Subject-Token": this.currentToken },
      body: {
        token: {
          expires_at: expires,
          project: { id: PROJECT_ID, name: "admin" },
          user: { id: "u1", name: user.name },
          roles: [{ name: "admin" }, { name: "member" }],
          catalog: [
            endpoint("identity", `${this.base}/identity/v3`),
            endpoint("compute", `${this.base}/compute/v2.1`),
            endpoint("image", `${this.base}/image`),
            endpoint("network", `${this.base}/network`),
            ...(this.options.withoutVolumeService ? [] : [endpoint("volumev3", `${this.base}/volume/v3/${PROJECT_ID}`)]),
            endpoint("placement", `${this.base}/placement`),
          ],
        },
      },
    };
  }
}

const SERVICES: { readonly [prefix: string]: RecordedRequest["service"] } = {
  identity: "identity",
  compute: "compute",
  image: "image",
  network: "network",
  volume: "volume",
  placement: "placement",
};
