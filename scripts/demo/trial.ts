// Trial: fleet up powered off, inventory, deploy (no checks). Development aid.
import { Clock, buildImages, fleetUpPoweredOff, stackEnv } from "./flow";
import { deploy } from "./stack";

async function main() {
  const clock = new Clock();
  const hosts = await clock.time("fleet up, powered off", fleetUpPoweredOff);
  const env = stackEnv(hosts);
  await clock.time("images", () => buildImages(env.imageDir));
  const r = await clock.time("cdktf deploy", () => deploy(env, "deploy", true));
  console.log(`deploy exit ${r.code}, log ${r.log}`);
}
main().catch((e) => { console.error(e); process.exit(1); });
