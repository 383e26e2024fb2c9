export * from "./spec";
export * from "./catalog";
