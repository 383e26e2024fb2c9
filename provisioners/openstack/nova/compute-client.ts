// The compute API client: negotiates the microversion once per session (polyvisor speaks 2.60
// where the cloud offers it, and never less than it needs for a given call).

import { PolyvisorError } from "../../errors";
import type { KeystoneSession } from "../keystone";
import { ServiceClient, type ApiResponse, type RequestOptions } from "../service-client";

/** The microversion polyvisor is written against (Queens and later offer it; Zed offers 2.93). */
export const PREFERRED_COMPUTE_MICROVERSION = "2.60";

export type Microversion = `${number}.${number}`;

export function compareMicroversions(a: string, b: string): number {
  const [am, an] = a.split(".").map(Number);
  const [bm, bn] = b.split(".").map(Number);
  return am !== bm ? am - bm : an - bn;
}

interface VersionDocument {
  readonly version?: { readonly version?: string; readonly min_version?: string };
}

export class ComputeClient extends ServiceClient {
  private negotiated?: Promise<string>;

  constructor(session: KeystoneSession, private readonly preferred: string = PREFERRED_COMPUTE_MICROVERSION) {
    super(session, "compute");
  }

  /** The microversion this client sends: the preferred one, or the cloud's maximum if lower. */
  microversion(): Promise<string> {
    this.negotiated ??= this.negotiate();
    return this.negotiated;
  }

  /** Refuses a call that needs a newer microversion than the cloud offers. */
  async requireMicroversion(minimum: string, what: string): Promise<void> {
    const have = await this.microversion();
    if (compareMicroversions(have, minimum) < 0) {
      throw new PolyvisorError("MicroversionTooOld", `${what} needs compute API microversion ${minimum}`, {
        where: "compute API",
        value: have,
        allowed: `>= ${minimum}`,
        fix: "upgrade nova, or use an option that the cloud's compute API supports",
      });
    }
  }

  override async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const version = await this.microversion();
    this.versionHeaders = { "OpenStack-API-Version": `compute ${version}`, "X-OpenStack-Nova-API-Version": version };
    return super.request<T>(method, path, options);
  }

  /** A request at an explicit microversion (for APIs removed in later ones, like os-hosts). */
  async requestAt<T>(version: string, method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const headers = { ...options.headers, "OpenStack-API-Version": `compute ${version}`, "X-OpenStack-Nova-API-Version": version };
    await this.microversion();
    return super.request<T>(method, path, { ...options, headers });
  }

  /** The cloud's maximum compute microversion (from the same version document as negotiation). */
  async maxMicroversion(): Promise<string> {
    await this.microversion();
    return this.cloudMax ?? "2.1";
  }

  private cloudMax?: string;

  private async negotiate(): Promise<string> {
    const doc = (await super.request<VersionDocument>("GET", "/")).body;
    const max = doc?.version?.version;
    this.cloudMax = max;
    if (!max) return "2.1";
    return compareMicroversions(max, this.preferred) < 0 ? max : this.preferred;
  }
}
