export * from "./host";
export * from "./host-key";
export * from "./pool";
export * from "./redact";
export * from "./retry";
export * from "./semaphore";
export * from "./session";
export * from "./shell";
