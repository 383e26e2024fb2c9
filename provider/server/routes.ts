// The provider service's RPCs as gRPC routes (`tfplugin6.Provider/<Method>`).
import { Route } from "../protocol/grpc-server";
import { providerMethods } from "../protocol/messages";
import { ProviderService } from "./provider-service";

export function providerRoutes(service: ProviderService): Map<string, Route> {
  const routes = new Map<string, Route>();
  for (const [name, method] of Object.entries(providerMethods)) {
    const handle = (service as unknown as Record<string, (req: object) => Promise<object>>)[name];
    if (typeof handle !== "function") throw new Error(`ProviderService has no ${name}`);
    routes.set(`tfplugin6.Provider/${name}`, { kind: "unary", ...method, handle });
  }
  return routes;
}
