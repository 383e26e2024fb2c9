// The files of one compute node: nova.conf with only its own driver's sections, the OVS agent's
// bridge mappings where the node plugs instances into OVS, and the Ceilometer compute agent's
// inspector where the driver has one. The models come from provisioners/config.
import { computeNovaConf } from "../../../provisioners/config/nova-compute";
import { ovsAgentConf } from "../../../provisioners/config/neutron";
import { renderIni } from "../../../provisioners/config/render-ini";
import type { ComputeHostOs } from "../../../provisioners/drivers/driver";
import type { ComputeNode } from "../../compute-node";
import { agentHost } from "../../deployment";
import type { CloudContext } from "../cloud-lookup";
import { ceilometerComputeConf } from "./ceilometer";
import { generatedBy } from "./generated-by";
import { ovsAgentInput } from "./ovs";
import { RenderedFile } from "./rendered-file";
import { keystone, messaging, serviceUser } from "./service-inputs";
import { computeNodeRecipe, recipeOnlyFiles, withRecipeKeys, withRestarts } from "./role-recipe";

/** Where the compute role's files live on the OS nova-compute runs on. */
const PATHS: { readonly [os in ComputeHostOs]: { readonly nova: string; readonly ceilometer: string } } = {
  linux: { nova: "/etc/nova/nova.conf", ceilometer: "/etc/ceilometer/ceilometer.conf" },
  // Cloudbase's Windows installer layout (nova-compute and the Ceilometer polling agent as services).
  windows: {
    nova: "C:/Program Files/Cloudbase Solutions/OpenStack/Nova/etc/nova.conf",
    ceilometer: "C:/Program Files/Cloudbase Solutions/OpenStack/Nova/etc/ceilometer.conf",
  },
};

const OVS_AGENT_INI = "/etc/neutron/plugins/ml2/openvswitch_agent.ini";

export function computeNodeFiles(node: ComputeNode, cloud: CloudContext): RenderedFile[] {
  const host = agentHost(node.deployment);
  const paths = PATHS[node.driver.computeHostOs];
  const nova = computeNovaConf(
    {
      release: cloud.release,
      driver: node.driverId,
      driverOptions: node.driverOptions as never,
      host: node.name,
      myIp: host.address,
      messaging: messaging(cloud),
      keystone: keystone(cloud),
      placementUser: serviceUser("placement"),
      neutronUser: serviceUser("neutron"),
      reservedHostMemoryMb: node.props.reservedHostMemoryMb,
      cpuAllocationRatio: node.props.cpuAllocationRatio,
      ramAllocationRatio: node.props.ramAllocationRatio,
    },
    node.node.path,
  );
  // The proven recipe's keys the models lack are added; the operator's overrides come last.
  const recipe = computeNodeRecipe(cloud, node);
  const files: RenderedFile[] = [
    {
      path: paths.nova,
      content: renderIni(withRecipeKeys(nova, recipe, paths.nova), { generatedBy: generatedBy(node, "nova-compute"), overrides: node.props.novaOverrides }),
      group: "nova",
    },
  ];
  if (runsOvsAgent(node)) {
    files.push({
      path: OVS_AGENT_INI,
      content: renderIni(withRecipeKeys(ovsAgentConf(ovsAgentInput(cloud, node.bridgeMappings, host.address), node.node.path), recipe, OVS_AGENT_INI), {
        generatedBy: generatedBy(node, "neutron-openvswitch-agent"),
      }),
      group: "neutron",
    });
  }
  if (node.metering.available) {
    const model = ceilometerComputeConf({
      host: node.name,
      inspector: node.metering.inspector,
      transportUrl: String(nova.DEFAULT.transport_url),
      keystone: keystone(cloud),
      user: serviceUser("ceilometer"),
    });
    files.push({ path: paths.ceilometer, content: renderIni(model, { generatedBy: generatedBy(node, "ceilometer-polling") }), group: "ceilometer" });
  }
  return withRestarts([...files, ...recipeOnlyFiles(recipe, files, (path) => generatedBy(node, path))], recipe);
}

/** Nodes whose instances plug into Open vSwitch on the node itself (Linux, hypervisor on the host). */
function runsOvsAgent(node: ComputeNode): boolean {
  return node.deployment.kind === "on-host" && node.driver.computeHostOs === "linux" && node.driver.id !== "fake";
}
