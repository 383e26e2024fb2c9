// Builds a DriverDefinition from a driver module's data: the release logic (exists, compute_driver,
// out-of-tree packages) is the same for every driver, so each module only states its facts.

import { IniModel } from "../../config/ini-model";
import { Availability, DiskFormat, DriverDefinition, OptionProblem, PackageRef } from "../driver";
import { Release, inSpan } from "../release";
import { driverNotInRelease } from "./errors";

export type DriverSpec<O> = Omit<
  DriverDefinition<O>,
  "existsIn" | "availabilityIn" | "computeDriver" | "packages" | "acceptedDiskFormats" | "novaSections" | "validate"
> & {
  /** Packages of the compute role besides out-of-tree code (which comes from `availability`). */
  readonly basePackages: (release: Release) => readonly PackageRef[];
  readonly acceptedDiskFormats?: (options: O | undefined) => readonly DiskFormat[];
  /** The driver's own sections; `computeDriver` is the value for the release (already checked). */
  readonly sections: (options: O, release: Release, computeDriver: string) => IniModel;
  readonly validate?: (options: O, release?: Release) => readonly OptionProblem[];
};

export function defineDriver<O>(spec: DriverSpec<O>): DriverDefinition<O> {
  const { basePackages, sections, validate, acceptedDiskFormats, ...facts } = spec;
  const availabilityIn = (release: Release): Availability | undefined => spec.availability.find((a) => inSpan(release, a));
  const require = (release: Release): Availability => {
    const a = availabilityIn(release);
    if (!a) throw driverNotInRelease(spec.id, release, spec.availability);
    return a;
  };
  return {
    ...facts,
    existsIn: (release) => availabilityIn(release) !== undefined,
    availabilityIn,
    computeDriver: (release) => require(release).computeDriver,
    packages: (release) => {
      const a = require(release);
      return [...basePackages(release), ...(a.outOfTree?.install ?? [])];
    },
    acceptedDiskFormats: (options) => (acceptedDiskFormats ? acceptedDiskFormats(options) : spec.diskFormats),
    novaSections: (options, release) => sections(options, release, require(release).computeDriver),
    validate: (options, release) => (validate ? validate(options, release) : []),
  };
}
