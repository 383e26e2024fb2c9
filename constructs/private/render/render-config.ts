// Renders every role's config files once the whole cloud is known: an Aspect on the cloud, so it
// runs first in both `cdktf synth` and `Testing.synth`, before validations. It fills each
// resource's `files` and its sensitive `secrets` map (one generated password or operator variable
// per placeholder name). A renderer's refusal (a PolyvisorError) is reported with the other
// synth-time validation errors of the role instead of hiding them.
import { IConstruct } from "constructs";
import { PolyvisorError, isPolyvisorError } from "../../../provisioners/errors";
import { IAspect, Lazy } from "../cdktf";
import type { ComputeNode } from "../../compute-node";
import type { ControlPlane } from "../../control-plane";
import { agentHost } from "../../deployment";
import type { CloudContext } from "../cloud-lookup";
import type { SecretStore } from "../secret-store";
import { computeNodeFiles } from "./compute-files";
import { controlPlaneFiles } from "./control-plane-files";
import { RenderedFile, secretNamesOf, toFilesBlock } from "./rendered-file";

interface RenderTarget {
  putFiles(files: ReturnType<typeof toFilesBlock> | ReturnType<typeof Lazy.anyValue>): void;
  secrets: { [name: string]: string };
}

export class RenderConfig implements IAspect {
  private rendered = false;

  constructor(private readonly cloud: CloudContext & IConstruct & { readonly secrets: SecretStore; readonly controlPlane: ControlPlane }) {}

  visit(node: IConstruct): void {
    if (node !== this.cloud || this.rendered) return;
    this.rendered = true;
    const cp = this.cloud.controlPlane;
    const written = new FileOwners();
    written.add(cp, cp.host.name, this.apply(cp, cp.resource, () => controlPlaneFiles(this.cloud), () => cp.procedure()?.secretNames ?? []));
    for (const n of this.cloud.computeNodes as readonly ComputeNode[]) {
      written.add(n, agentHost(n.deployment).name, this.apply(n, n.resource, () => computeNodeFiles(n, this.cloud), () => n.procedure()?.secretNames ?? []));
    }
  }

  /** `stepSecrets`: names the role's bootstrap commands use besides its files (from its recipe). */
  private apply(role: IConstruct, target: RenderTarget, render: () => readonly RenderedFile[], stepSecrets: () => readonly string[]): readonly RenderedFile[] {
    let files: readonly RenderedFile[];
    try {
      files = render();
    } catch (err) {
      if (!isPolyvisorError(err)) throw err;
      role.node.addValidation({ validate: () => [`${err.message} (while rendering the config files of ${role.node.path})`] });
      // Synthesizing without validations must still not produce a role without its files.
      target.putFiles(Lazy.anyValue({ produce: () => { throw err; } }));
      return [];
    }
    target.putFiles(toFilesBlock(files));
    const names = [...new Set([...secretNamesOf(files), ...stepSecrets()])].sort();
    if (names.length > 0) target.secrets = Object.fromEntries(names.map((n) => [n, this.cloud.secrets.value(n)]));
    return files;
  }
}

/**
 * Which role writes which file on which host. Two roles that write one path on one host would
 * overwrite each other on every apply (a compute node placed on the controller host: both write
 * /etc/nova/nova.conf), so the second is refused, naming both.
 */
class FileOwners {
  private readonly owners = new Map<string, IConstruct>();

  add(role: IConstruct, host: string, files: readonly RenderedFile[]): void {
    const clashes: string[] = [];
    let other: IConstruct | undefined;
    for (const f of files) {
      const key = `${host}\0${f.path}`;
      const first = this.owners.get(key);
      if (first && first !== role) {
        clashes.push(f.path);
        other = first;
      } else {
        this.owners.set(key, role);
      }
    }
    if (!other) return;
    const err = new PolyvisorError("FileWrittenTwice", `${role.node.path} and ${other.node.path} both write ${clashes.join(", ")} on host ${host}`, {
      where: role.node.path, value: host, allowed: "one role per file on a host",
      fix: `place ${role.node.path} on another host (with its own inventory entry), or drop one of the two roles from ${host}`,
    });
    role.node.addValidation({ validate: () => [err.message] });
  }
}
