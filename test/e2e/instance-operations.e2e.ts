// End to end on a cloud handed to the test: every instance operation libvirt QEMU supports, the LXC
// refusals, evacuation, a rolling change with the compute drain hook (test/e2e/support/
// instance-operations-suite.ts, the same tests the all-in-one end-to-end test runs on the cloud it
// deploys). The cloud comes from POLYVISOR_E2E_CLOUD (test/e2e/support/instance-cloud.ts); without
// one the test fails loudly. Not part of `npm test`: run it with
//   POLYVISOR_E2E_CLOUD=cloud.json npx vitest run --config test/e2e/vitest.e2e.config.ts
import { instanceCloud } from "./support/instance-cloud";
import { instanceOperationTests } from "./support/instance-operations-suite";

instanceOperationTests(() => instanceCloud());
