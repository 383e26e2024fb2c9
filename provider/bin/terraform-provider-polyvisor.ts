// Executable entry: terraform runs this (through the launcher the install script puts in the
// filesystem mirror) and talks to it over gRPC.
import { runProvider } from "../main";

void runProvider();
