export * from "./value";
export * from "./block-type";
export * from "./conversion";
export * from "./msgpack";
export * from "./json-state";
