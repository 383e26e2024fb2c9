// What a handler holds while it talks to the cloud: the credentials of the resource's auth block,
// the connected cloud, and `call`, which runs one request and turns its failure into a diagnostic
// naming the resource, the step and the attribute (see api-call.ts).
import type { OpenStackCloud } from "../../../provisioners/openstack";
import { ObjectValue, PathStep, Value } from "../../values";
import { authSettings, AuthSettings, connect, importAuth } from "./api-auth";
import { apiCall, isNotFound } from "./api-call";

export interface ApiSession {
  readonly typeName: string;
  readonly auth: AuthSettings;
  readonly cloud: OpenStackCloud;
  call<T>(step: string, body: (cloud: OpenStackCloud) => Promise<T>, attribute?: readonly PathStep[]): Promise<T>;
  /** Like call, but a 404 answers undefined (the object is gone). */
  find<T>(step: string, body: (cloud: OpenStackCloud) => Promise<T>): Promise<T | undefined>;
}

export async function apiSession(typeName: string, authValue: Value): Promise<ApiSession> {
  const auth = authSettings(authValue, typeName);
  const cloud = await connect(auth);
  const call = <T>(step: string, body: (c: OpenStackCloud) => Promise<T>, attribute?: readonly PathStep[]) =>
    apiCall({ typeName, step, auth, attribute }, () => body(cloud));
  return {
    typeName,
    auth,
    cloud,
    call,
    find: <T>(step: string, body: (c: OpenStackCloud) => Promise<T>) =>
      call(step, async (c) => {
        try {
          return await body(c);
        } catch (err) {
          if (isNotFound(err)) return undefined;
          throw err;
        }
      }),
  };
}

/** For `terraform import`: the auth block from OS_* variables and a session on it. */
export async function importSession(typeName: string): Promise<{ readonly auth: ObjectValue; readonly session: ApiSession }> {
  const auth = await importAuth(typeName);
  return { auth, session: await apiSession(typeName, auth) };
}

/** Deletes, treating "already gone" as done. */
export async function deleteIfExists(session: ApiSession, step: string, body: (cloud: OpenStackCloud) => Promise<void>): Promise<void> {
  await session.find(step, body);
}
