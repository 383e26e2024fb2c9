// Renders every role's config files once the whole cloud is known: an Aspect on the cloud, so it
// runs first in both `cdktf synth` and `Testing.synth`, before validations. It fills each
// resource's `files` and its sensitive `secrets` map (one generated password or operator variable
// per placeholder name). A renderer's refusal (a PolyvisorError) is reported with the other
// synth-time validation errors of the role instead of hiding them.
import { IConstruct } from "constructs";
import { isPolyvisorError } from "../../../provisioners/errors";
import { IAspect, Lazy } from "../cdktf";
import type { ComputeNode } from "../../compute-node";
import type { ControlPlane } from "../../control-plane";
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
    this.apply(cp, cp.resource, () => controlPlaneFiles(this.cloud), () => cp.procedure()?.secretNames ?? []);
    for (const n of this.cloud.computeNodes as readonly ComputeNode[]) {
      this.apply(n, n.resource, () => computeNodeFiles(n, this.cloud), () => n.procedure()?.secretNames ?? []);
    }
  }

  /** `stepSecrets`: names the role's bootstrap commands use besides its files (from its recipe). */
  private apply(role: IConstruct, target: RenderTarget, render: () => readonly RenderedFile[], stepSecrets: () => readonly string[]): void {
    let files: readonly RenderedFile[];
    try {
      files = render();
    } catch (err) {
      if (!isPolyvisorError(err)) throw err;
      role.node.addValidation({ validate: () => [`${err.message} (while rendering the config files of ${role.node.path})`] });
      // Synthesizing without validations must still not produce a role without its files.
      target.putFiles(Lazy.anyValue({ produce: () => { throw err; } }));
      return;
    }
    target.putFiles(toFilesBlock(files));
    const names = [...new Set([...secretNamesOf(files), ...stepSecrets()])].sort();
    if (names.length > 0) target.secrets = Object.fromEntries(names.map((n) => [n, this.cloud.secrets.value(n)]));
  }
}
