// Starts terraform-provider-polyvisor: the default handlers, the provider service, the go-plugin
// server, then the handshake line on stdout. Logs go to stderr (terraform's plugin log), one line
// per call, without values.
import { supportMatrix } from "./data-sources";
import { HandshakeError, startPluginServer } from "./protocol/plugin-server";
import { HandlerRegistry, password, renderedFile } from "./resources";
import { computeNode } from "./resources/compute-node";
import { controlPlane } from "./resources/control-plane";
import { host } from "./resources/host";
import { aggregate, flavor, image, instance, network, volumeType } from "./resources";
import { ProviderService, providerRoutes } from "./server";

/** Every handler this build provides. Host and cloud handlers register here as they land. */
export function defaultRegistry(): HandlerRegistry {
  return new HandlerRegistry().registerResource(renderedFile).registerResource(password).registerResource(host).registerResource(controlPlane).registerResource(computeNode)
    .registerResource(aggregate)
    .registerResource(flavor)
    .registerResource(image)
    .registerResource(network)
    .registerResource(volumeType)
    .registerResource(instance)
    .registerDataSource(supportMatrix);
}

export async function runProvider(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const service = new ProviderService(defaultRegistry(), log);
  let plugin: Awaited<ReturnType<typeof startPluginServer>> | undefined;
  const shutdown = async () => {
    await plugin?.close();
    process.exit(0);
  };
  try {
    plugin = await startPluginServer({ providerRoutes: providerRoutes(service), env, log, onShutdown: () => void shutdown() });
  } catch (err) {
    process.stderr.write(`${err instanceof HandshakeError ? err.message : (err as Error).stack}\n`);
    process.exit(1);
  }
  // terraform forwards Ctrl-C to the whole process group and then calls StopProvider itself.
  process.on("SIGINT", () => log("[DEBUG] SIGINT ignored: waiting for terraform's StopProvider"));
  process.stdout.write(`${plugin.handshakeLine}\n`);
}
