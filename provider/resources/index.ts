export * from "./handler";
export * from "./registry";
export * from "./rendered-file";
export * from "./password";
