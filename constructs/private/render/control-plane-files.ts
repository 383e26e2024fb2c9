// The control plane's files: keystone.conf, placement.conf, nova.conf of the API/conductor/
// scheduler, neutron.conf, ML2 (physnets and VLAN ranges) and the controller's OVS agent,
// cinder.conf with one section per backend (and its share lists), glance-api.conf with the stores.
// The models come from provisioners/config.
import { cinderConf, cinderShareFiles } from "../../../provisioners/config/cinder";
import { glanceApiConf, glanceSwiftConf, GLANCE_SWIFT_CONF } from "../../../provisioners/config/glance";
import type { IniModel } from "../../../provisioners/config/ini-model";
import { keystoneConf, placementConf } from "../../../provisioners/config/keystone";
import { ml2Conf, neutronServerConf, ovsAgentConf } from "../../../provisioners/config/neutron";
import { novaControlConf } from "../../../provisioners/config/nova-control";
import { applyOverrides, IniOverrides, renderIni } from "../../../provisioners/config/render-ini";
import type { NetworkType } from "../../../provisioners/drivers/driver";
import type { CloudContext } from "../cloud-lookup";
import { generatedBy } from "./generated-by";
import { ovsAgentInput } from "./ovs";
import { RenderedFile } from "./rendered-file";
import { database, keystone, messaging, serviceUser } from "./service-inputs";
import { controlPlaneRecipe, recipeOnlyFiles, withRecipeKeys, withRestarts } from "./role-recipe";

/**
 * What Terraform's order needs beyond the recipe: compute nodes are applied after the controller,
 * so the recipe's `finalize` step (map new nova-compute hosts into cell1) cannot run after them
 * from the controller's resource. The scheduler maps new hosts itself every few seconds instead;
 * aggregates wait until their hosts are mapped.
 */
const DEPLOY_ORDER: Readonly<Record<string, IniOverrides>> = {
  "/etc/nova/nova.conf": { scheduler: { discover_hosts_in_cells_interval: 5 } },
};

export function controlPlaneFiles(cloud: CloudContext): RenderedFile[] {
  const cp = cloud.controlPlane;
  const release = cloud.release;
  const recipe = controlPlaneRecipe(cloud);
  // The proven recipe's keys the models lack are added; the operator's overrides come last.
  const file = (path: string, service: string, group: string, model: IniModel): RenderedFile => ({
    path,
    content: renderIni(applyOverrides(withRecipeKeys(model, recipe, path), DEPLOY_ORDER[path]), { generatedBy: generatedBy(cp, service), overrides: cp.overrides[path] }),
    group,
  });
  const ks = keystone(cloud);
  const files: RenderedFile[] = [
    file("/etc/keystone/keystone.conf", "keystone", "keystone", keystoneConf({ release, database: database(cloud, "keystone"), publicEndpoint: ks.authUrl.replace(/\/v3$/, "") })),
    file("/etc/placement/placement.conf", "placement-api", "placement", placementConf({ release, database: database(cloud, "placement"), keystone: ks, placementUser: serviceUser("placement") })),
    file("/etc/nova/nova.conf", "nova-api nova-conductor nova-scheduler", "nova", novaControlConf({
      release,
      services: ["api", "metadata", "conductor", "scheduler", "novncproxy"],
      myIp: cp.host.address,
      messaging: messaging(cloud),
      database: database(cloud, "nova"),
      apiDatabase: database(cloud, "nova_api", "nova"),
      keystone: ks,
      novaUser: serviceUser("nova"),
      placementUser: serviceUser("placement"),
      neutronUser: serviceUser("neutron"),
      metadataProxySecret: "metadata_secret",
      drivers: [...new Set(cloud.computeNodes.map((n) => n.driverId))],
    })),
    file("/etc/neutron/neutron.conf", "neutron-server", "neutron", neutronServerConf({
      release, messaging: messaging(cloud), database: database(cloud, "neutron"), keystone: ks, neutronUser: serviceUser("neutron"), novaUser: serviceUser("nova"),
    })),
    file("/etc/neutron/plugins/ml2/ml2_conf.ini", "neutron-server", "neutron", ml2Conf({
      typeDrivers: [...new Set<NetworkType>(["flat", "vlan", ...cloud.tenantNetworkTypes])],
      tenantNetworkTypes: [...cloud.tenantNetworkTypes],
      vlanRanges: Object.fromEntries(cloud.physicalNetworks.map((p) => [p.name, p.vlanRanges])),
      flatNetworks: cloud.physicalNetworks.map((p) => p.name).sort(),
      firewallDriver: cloud.securityGroups ? "openvswitch" : "noop",
    })),
  ];
  // The controller's OVS agent, unless its recipe runs none (the proven Zed controller does not).
  if (!recipe || recipe.recipe.packages.includes("neutron-openvswitch-agent")) {
    files.push(file("/etc/neutron/plugins/ml2/openvswitch_agent.ini", "neutron-openvswitch-agent", "neutron", ovsAgentConf(
      ovsAgentInput(cloud, Object.fromEntries(cloud.physicalNetworks.map((p) => [p.name, p.bridge])), cp.host.address),
      cp.node.path,
    )));
  }
  const backends = cloud.volumeBackends.map((b) => b.backend.config(b.name));
  if (backends.length > 0) {
    files.push(file("/etc/cinder/cinder.conf", "cinder-api cinder-scheduler cinder-volume", "cinder", cinderConf({
      release, myIp: cp.host.address, messaging: messaging(cloud), database: database(cloud, "cinder"), keystone: ks, cinderUser: serviceUser("cinder"), backends,
      glanceApiServers: [cp.endpoints.image],
    })));
    files.push(...cinderShareFiles(backends).map((f) => ({ ...f, group: "cinder" })));
  }
  const stores = cloud.glanceStores.map((s) => s.config({ identityUrl: ks.authUrl }));
  files.push(file("/etc/glance/glance-api.conf", "glance-api", "glance", glanceApiConf({
    release, database: database(cloud, "glance"), keystone: ks, glanceUser: serviceUser("glance"), stores,
    containerFormats: cloud.computeNodes.some((n) => n.acceptedContainerFormats.includes("docker"))
      ? ["bare", "ovf", "ova", "aki", "ari", "ami", "docker"]
      : undefined,
  })));
  const swift = glanceSwiftConf(stores);
  if (Object.keys(swift).length > 0) files.push(file(GLANCE_SWIFT_CONF, "glance-api", "glance", swift));
  return withRestarts([...files, ...recipeOnlyFiles(recipe, files, (path) => generatedBy(cp, path))], recipe);
}
