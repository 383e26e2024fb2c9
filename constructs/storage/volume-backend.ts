// One Cinder backend of the cloud under its `volume_backend_name`, and the volume types that
// schedule to it. Several backends of one kind are fine as long as their names differ.
import { Construct } from "constructs";
import { VolumeTypeResource } from "../private/bindings";
import { findCloud } from "../private/cloud-lookup";
import { addCheck, fail } from "../private/validation";
import { CinderBackend } from "./cinder-backend";

export interface VolumeBackendOptions {
  /** `volume_backend_name`, also the cinder.conf section and `enabled_backends` entry. */
  readonly name: string;
  readonly backend: CinderBackend;
}
export interface VolumeBackendProps extends VolumeBackendOptions {}

export interface VolumeTypeOptions {
  readonly name: string;
  readonly extraSpecs?: Readonly<Record<string, string>>;
  readonly isPublic?: boolean;
}

const BACKEND_NAME = /^[A-Za-z0-9_-]{1,64}$/;

export class VolumeBackend extends Construct {
  readonly name: string;
  readonly backend: CinderBackend;
  private readonly types = new Construct(this, "VolumeTypes");

  constructor(scope: Construct, id: string, props: VolumeBackendProps) {
    super(scope, id);
    if (!BACKEND_NAME.test(props.name)) {
      fail(this, {
        code: "InvalidVolumeBackendName", summary: "volume_backend_name is not usable as a cinder.conf section", prop: "name",
        value: props.name, allowed: "1-64 of A-Z a-z 0-9 _ -", fix: "rename the backend",
      });
    }
    this.name = props.name;
    this.backend = props.backend;
    findCloud(this).register(this);
    for (const secret of props.backend.externalSecrets) findCloud(this).markExternalSecret(secret);
    addCheck(this, () => {
      const others = findCloud(this).volumeBackends;
      const first = others.find((b) => b.name === this.name);
      return first && first !== this
        ? [{
            code: "DuplicateVolumeBackendName", summary: "two Cinder backends share a volume_backend_name", prop: "name",
            value: this.name, allowed: "a distinct name per backend", fix: `rename this backend or ${first.node.path}`,
          }]
        : [];
    });
  }

  /** A volume type that schedules to this backend (`volume_backend_name` extra spec). */
  addVolumeType(id: string, options: VolumeTypeOptions): VolumeTypeResource {
    return new VolumeTypeResource(this.types, id, {
      name: options.name,
      volumeBackendName: this.name,
      extraSpecs: options.extraSpecs ? { ...options.extraSpecs } : undefined,
      isPublic: options.isPublic,
      auth: findCloud(this).apiAuth,
    });
  }
}
