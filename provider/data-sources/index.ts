export * from "./support-matrix";
