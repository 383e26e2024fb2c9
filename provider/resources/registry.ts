// Which handler serves which type. Every type in the schema is listed by the provider; a type with
// no handler yet (host and cloud resources until the provisioners land) answers every call with a
// clear error diagnostic instead of pretending.
import { dataSources, resources } from "../schema";
import { DataSourceHandler, ResourceHandler } from "./handler";

export class HandlerRegistry {
  private readonly resourceHandlers = new Map<string, ResourceHandler>();
  private readonly dataSourceHandlers = new Map<string, DataSourceHandler>();

  registerResource(handler: ResourceHandler): this {
    if (!(handler.typeName in resources)) throw new Error(`handler for ${handler.typeName}: no such resource type in provider/schema`);
    this.resourceHandlers.set(handler.typeName, handler);
    return this;
  }

  registerDataSource(handler: DataSourceHandler): this {
    if (!(handler.typeName in dataSources)) throw new Error(`handler for ${handler.typeName}: no such data source in provider/schema`);
    this.dataSourceHandlers.set(handler.typeName, handler);
    return this;
  }

  resource(typeName: string): ResourceHandler | undefined {
    return this.resourceHandlers.get(typeName);
  }

  dataSource(typeName: string): DataSourceHandler | undefined {
    return this.dataSourceHandlers.get(typeName);
  }

  get resourceTypes(): string[] {
    return [...this.resourceHandlers.keys()];
  }
}
