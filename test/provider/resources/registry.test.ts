import { describe, expect, test } from "vitest";
import { defaultRegistry } from "../../../provider/main";
import { dataSources, resources } from "../../../provider/schema";

describe("the provider's handler registry", () => {
  test.each(Object.keys(resources))("given schema resource %s, when the provider starts, then a handler serves it", (type) => {
    expect(defaultRegistry().resource(type)?.typeName, `no handler registered for ${type}`).toBe(type);
  });

  test.each(Object.keys(dataSources))("given schema data source %s, when the provider starts, then a handler serves it", (type) => {
    expect(defaultRegistry().dataSource(type)?.typeName, `no handler registered for ${type}`).toBe(type);
  });
});
