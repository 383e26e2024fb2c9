export * from "./provider-service";
export * from "./routes";
