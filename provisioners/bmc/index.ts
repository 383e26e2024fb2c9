export * from "./bmc";
export * from "./create-bmc";
export * from "./ipmi";
export * from "./redfish";
