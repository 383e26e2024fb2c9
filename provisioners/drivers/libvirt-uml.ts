// User-mode Linux through libvirt: `[libvirt] virt_type = uml`. nova accepted this virt type up to
// Ussuri (`uml` is among virt_type's choices there, not in later releases). nova's support matrix
// never had a UML row, so its capabilities are stated here (see `explicitCapabilities`).

import { libvirtDriver, LIBVIRT_COMPUTE_DRIVER } from "./private/libvirt";
import { LIBVIRT_NETWORKING } from "./private/libvirt-common";

export const libvirtUml = libvirtDriver({
  id: "libvirt-uml",
  title: "Libvirt UML",
  matrixId: null,
  virtType: "uml",
  hypervisorType: "uml",
  imageHypervisorType: "uml",
  requiredImageProperties: [],
  vmModes: ["uml"],
  architectures: ["x86_64", "i686"],
  deployment: "on-host",
  computeHostOs: "linux",
  availability: [
    {
      from: "liberty",
      to: "ussuri",
      tree: "in-tree",
      computeDriver: LIBVIRT_COMPUTE_DRIVER,
      source: "nova/conf/libvirt.py virt_type choices (uml present at ussuri-eol, absent on master)",
    },
  ],
  diskFormats: ["raw"],
  containerFormats: ["bare"],
  networking: LIBVIRT_NETWORKING,
  volumes: { protocols: [], note: "no volume attach for UML guests in nova's libvirt driver (never in the matrix)" },
  meteringInspector: "libvirt",
  liveMigration: false,
  hypervisorPackages: [{ name: "user-mode-linux", via: "apt" }],
  explicitCapabilities: [
    {
      span: { from: "liberty", to: "ussuri" },
      source:
        "not in nova's support matrix. Values follow nova's libvirt driver: the mandatory lifecycle " +
        "(launch, reboot, power off/on, terminate) works for every virt_type; live migration has no URI for " +
        "uml (driver raises LiveMigrationURINotAvailable), and no volume driver handles UML guests; " +
        "everything else is unknown.",
      support: {
        "operation.launch": "complete",
        "operation.reboot": "complete",
        "operation.terminate": "complete",
        "operation.live-migrate": "missing",
        "operation.attach-volume": "missing",
        "operation.detach-volume": "missing",
        "operation.swap-volume": "missing",
        "operation.maintenance-mode": "missing",
        "operation.pause": "unknown",
        "operation.unpause": "unknown",
        "operation.suspend": "unknown",
        "operation.resume": "unknown",
        "operation.snapshot": "unknown",
        "operation.rescue": "unknown",
        "operation.resize": "unknown",
        "operation.evacuate": "unknown",
        "operation.set-admin-password": "missing",
        "console.serial.log": "unknown",
      },
    },
  ],
});
