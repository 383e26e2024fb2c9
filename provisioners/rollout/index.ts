export * from "./report";
export * from "./rollout";
