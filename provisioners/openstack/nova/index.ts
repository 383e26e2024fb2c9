export * from "./types";
export * from "./compute-client";
export * from "./servers";
export * from "./volume-attachments";
export * from "./flavors";
export * from "./aggregates";
export * from "./infrastructure";
