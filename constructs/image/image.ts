// A Glance image with the properties that steer it to the right hypervisor (`hypervisor_type`,
// `vm_mode`) and the formats the hypervisors of its aggregate must accept.
import { Construct } from "constructs";
import { ImageResource } from "../private/bindings";
import { findCloud } from "../private/cloud-lookup";
import { Problem, addCheck } from "../private/validation";
import { HostAggregate } from "../compute/aggregate";
import { ContainerFormat, DiskFormat, ImageVisibility, VmMode } from "./formats";

export interface ImageOptions {
  readonly name: string;
  readonly diskFormat: DiskFormat;
  readonly containerFormat: ContainerFormat;
  /** The aggregate the image is meant for: its hypervisors must accept the formats. */
  readonly aggregate?: HostAggregate;
  readonly hypervisorType?: string;
  readonly vmMode?: VmMode;
  /** Image file on the machine running terraform. */
  readonly sourcePath?: string;
  /** Image file on the controller host. */
  readonly sourceHostPath?: string;
  readonly properties?: Readonly<Record<string, string>>;
  readonly visibility?: ImageVisibility;
}
export interface ImageProps extends ImageOptions {}

export class Image extends Construct {
  readonly name: string;
  readonly diskFormat: DiskFormat;
  readonly containerFormat: ContainerFormat;
  readonly aggregate?: HostAggregate;
  readonly resource: ImageResource;

  constructor(scope: Construct, id: string, props: ImageProps) {
    super(scope, id);
    this.name = props.name;
    this.diskFormat = props.diskFormat;
    this.containerFormat = props.containerFormat;
    this.aggregate = props.aggregate;
    this.resource = new ImageResource(this, "Resource", {
      name: props.name,
      diskFormat: props.diskFormat,
      containerFormat: props.containerFormat,
      hypervisorType: props.hypervisorType,
      vmMode: props.vmMode,
      sourcePath: props.sourcePath,
      sourceHostPath: props.sourceHostPath,
      properties: props.properties ? { ...props.properties } : undefined,
      visibility: props.visibility,
      auth: findCloud(this).apiAuth,
    });
    addCheck(this, () => this.checks());
  }

  private checks(): Problem[] {
    const agg = this.aggregate;
    if (!agg || agg.computeNodes.length === 0) return [];
    const out: Problem[] = [];
    const nodes = agg.computeNodes;
    if (!nodes.some((n) => n.acceptedDiskFormats.includes(this.diskFormat))) {
      const accepted = [...new Set(nodes.flatMap((n) => n.acceptedDiskFormats))].sort();
      out.push({
        code: "DiskFormatNotAccepted",
        summary: `no hypervisor of aggregate ${agg.name} (${[...new Set(nodes.map((n) => n.driverId))].join(", ")}) boots ${this.diskFormat} images`,
        prop: "diskFormat", value: this.diskFormat, allowed: accepted.join(", ") || "(none)",
        fix: `convert the image (qemu-img convert -O ${accepted[0] ?? "raw"}) or point it at another aggregate`,
      });
    }
    if (!nodes.some((n) => n.acceptedContainerFormats.includes(this.containerFormat))) {
      out.push({
        code: "ContainerFormatNotAccepted",
        summary: `no hypervisor of aggregate ${agg.name} takes ${this.containerFormat} containers`,
        prop: "containerFormat", value: this.containerFormat,
        allowed: [...new Set(nodes.flatMap((n) => n.acceptedContainerFormats))].sort().join(", "),
        fix: "repackage the image or point it at another aggregate",
      });
    }
    return out;
  }
}
