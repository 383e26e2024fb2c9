// Nova servers: create, find, show, delete, and every server action polyvisor drives. Each action
// is one POST to /servers/{id}/action with nova's own body; the method names follow nova's.

import { PolyvisorError } from "../../errors";
import { OpenStackApiError } from "../api-error";
import type { ComputeClient } from "./compute-client";
import type { InstanceAction, Migration, NewServer, Server } from "./types";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type RebootType = "SOFT" | "HARD";

export interface LiveMigrateOptions {
  /** Target host; undefined lets the scheduler choose. */
  readonly host?: string;
  /** true, false or "auto" (nova decides from the storage; default). */
  readonly blockMigration?: boolean | "auto";
}

export class Servers {
  constructor(private readonly compute: ComputeClient) {}

  async create(spec: NewServer): Promise<Server> {
    const { networks, ...rest } = spec;
    if (!networks || networks.length === 0) await this.compute.requireMicroversion("2.37", "a server without networks");
    const body = {
      server: { ...rest, networks: networks && networks.length > 0 ? networks.map((uuid) => ({ uuid })) : "none" },
    };
    const created = await this.compute.post<{ server: { id: string } }>("/servers", body);
    return this.get(created.server.id);
  }

  async get(id: string): Promise<Server> {
    return (await this.compute.get<{ server: Server }>(`/servers/${encodeURIComponent(id)}`)).server;
  }

  /** The server, or undefined once nova no longer knows it. */
  async getIfExists(id: string): Promise<Server | undefined> {
    try {
      return await this.get(id);
    } catch (err) {
      if (err instanceof OpenStackApiError && err.status === 404) return undefined;
      throw err;
    }
  }

  async list(query: { readonly name?: string; readonly host?: string; readonly all_tenants?: boolean } = {}): Promise<Server[]> {
    return (await this.compute.get<{ servers: Server[] }>("/servers/detail", query)).servers;
  }

  /** Finds a server by id or by exact name; refuses an unknown or ambiguous name. */
  async find(nameOrId: string): Promise<Server> {
    if (UUID.test(nameOrId)) {
      const byId = await this.getIfExists(nameOrId);
      if (byId) return byId;
    }
    const escaped = nameOrId.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    // Admins look across projects (names are what operators type); others see their project's.
    const admin = (await this.compute.session.roles()).includes("admin");
    const matches = (await this.list({ name: `^${escaped}$`, ...(admin ? { all_tenants: true } : {}) })).filter((s) => s.name === nameOrId);
    if (matches.length === 1) return matches[0];
    throw new PolyvisorError(
      matches.length === 0 ? "ServerNotFound" : "ServerNameAmbiguous",
      matches.length === 0 ? "no server has this name or id" : `${matches.length} servers have this name`,
      {
        where: "server",
        value: nameOrId,
        allowed: matches.length === 0 ? "an existing server's name or id" : matches.map((s) => s.id).join(", "),
        fix: matches.length === 0 ? "list servers with `openstack server list --all-projects`" : "pass the server's id instead",
      },
    );
  }

  async delete(id: string): Promise<void> {
    await this.compute.delete(`/servers/${encodeURIComponent(id)}`);
  }

  /** POST /servers/{id}/action with one action body; returns nova's answer (most return nothing). */
  async action<T = unknown>(id: string, body: { readonly [action: string]: unknown }): Promise<T> {
    return (await this.compute.request<T>("POST", `/servers/${encodeURIComponent(id)}/action`, { json: body })).body;
  }

  reboot(id: string, type: RebootType): Promise<unknown> {
    return this.action(id, { reboot: { type } });
  }
  stop(id: string): Promise<unknown> {
    return this.action(id, { "os-stop": null });
  }
  start(id: string): Promise<unknown> {
    return this.action(id, { "os-start": null });
  }
  pause(id: string): Promise<unknown> {
    return this.action(id, { pause: null });
  }
  unpause(id: string): Promise<unknown> {
    return this.action(id, { unpause: null });
  }
  suspend(id: string): Promise<unknown> {
    return this.action(id, { suspend: null });
  }
  resume(id: string): Promise<unknown> {
    return this.action(id, { resume: null });
  }
  shelve(id: string): Promise<unknown> {
    return this.action(id, { shelve: null });
  }
  unshelve(id: string): Promise<unknown> {
    return this.action(id, { unshelve: null });
  }

  /** Snapshots the server to a new image; returns the image id (body since 2.45, Location before). */
  async createImage(id: string, name: string, metadata: { readonly [k: string]: string } = {}): Promise<string> {
    const res = await this.compute.request<{ image_id?: string }>("POST", `/servers/${encodeURIComponent(id)}/action`, {
      json: { createImage: { name, metadata } },
    });
    const imageId = res.body?.image_id ?? res.headers.get("location")?.split("/").pop();
    if (!imageId) {
      throw new PolyvisorError("ApiBadResponse", "nova did not say which image the snapshot became", {
        where: `POST /servers/${id}/action createImage`,
      });
    }
    return imageId;
  }

  rescue(id: string, options: { readonly imageRef?: string; readonly adminPass?: string } = {}): Promise<unknown> {
    const rescue: Record<string, string> = {};
    if (options.imageRef) rescue.rescue_image_ref = options.imageRef;
    if (options.adminPass) rescue.adminPass = options.adminPass;
    return this.action(id, { rescue });
  }
  unrescue(id: string): Promise<unknown> {
    return this.action(id, { unrescue: null });
  }
  resize(id: string, flavorRef: string): Promise<unknown> {
    return this.action(id, { resize: { flavorRef } });
  }
  confirmResize(id: string): Promise<unknown> {
    return this.action(id, { confirmResize: null });
  }
  revertResize(id: string): Promise<unknown> {
    return this.action(id, { revertResize: null });
  }

  /** os-migrateLive; no host lets the scheduler choose. block_migration "auto" needs 2.25. */
  async liveMigrate(id: string, options: LiveMigrateOptions = {}): Promise<unknown> {
    const block = options.blockMigration ?? "auto";
    if (block === "auto") await this.compute.requireMicroversion("2.25", "block_migration=auto");
    return this.action(id, { "os-migrateLive": { host: options.host ?? null, block_migration: block } });
  }

  /** Rebuilds the server on another host after its own host went down. */
  evacuate(id: string, options: { readonly host?: string } = {}): Promise<unknown> {
    return this.action(id, { evacuate: options.host ? { host: options.host } : {} });
  }

  async consoleOutput(id: string, length?: number): Promise<string> {
    const body = await this.action<{ output: string }>(id, { "os-getConsoleOutput": length ? { length } : {} });
    return body?.output ?? "";
  }

  changePassword(id: string, adminPass: string): Promise<unknown> {
    return this.action(id, { changePassword: { adminPass } });
  }

  async actions(id: string): Promise<InstanceAction[]> {
    return (await this.compute.get<{ instanceActions: InstanceAction[] }>(`/servers/${encodeURIComponent(id)}/os-instance-actions`))
      .instanceActions;
  }

  async actionDetail(id: string, requestId: string): Promise<InstanceAction> {
    const path = `/servers/${encodeURIComponent(id)}/os-instance-actions/${encodeURIComponent(requestId)}`;
    return (await this.compute.get<{ instanceAction: InstanceAction }>(path)).instanceAction;
  }

  async migrations(id: string): Promise<Migration[]> {
    return (await this.compute.get<{ migrations: Migration[] }>(`/servers/${encodeURIComponent(id)}/migrations`)).migrations;
  }
}
