export * from "./schema";
export * from "./resources";
export * from "./data-sources";
export * from "./server";
export { defaultRegistry, runProvider } from "./main";
