export * from "./errors";
export * from "./ssh";
export * from "./bmc";
export * from "./stages";
export * from "./rollout";
