// The keystone seeding step: one Python process (openstacksdk from python3-openstackclient) that
// ensures the service project, service users with the admin and service roles (the
// `service` role is what keystonemiddleware's service_token_roles_required checks on X-Service-Token), services and endpoints. One
// process instead of ~40 `openstack` CLI calls (1.5 s each), and no password ever on a command
// line: credentials come from the environment. Safe to re-run: it finds before it creates and
// resets service passwords to the current secret.

/** What the script ensures for one OpenStack service. Passed to it as JSON in PV_IDENTITY. */
export interface IdentityService {
  readonly user: string;
  /** Name of the environment variable that holds the user's password. */
  readonly passwordEnv: string;
  readonly service: { readonly name: string; readonly type: string; readonly description: string };
  /** Endpoint URL, the same for public, internal and admin. */
  readonly url: string;
}

export const IDENTITY_SCRIPT = `
import json, os, openstack
conn = openstack.connect()
idn = conn.identity
region = os.environ["OS_REGION_NAME"]
domain = idn.find_domain("default") or idn.find_domain("Default")
project = idn.find_project("service", domain_id=domain.id) or idn.create_project(
    name="service", domain_id=domain.id, description="OpenStack services")
admin_role = idn.find_role("admin")
service_role = idn.find_role("service") or idn.create_role(name="service")
for s in json.loads(os.environ["PV_IDENTITY"]):
    password = os.environ[s["passwordEnv"]]
    user = idn.find_user(s["user"], domain_id=domain.id)
    if user is None:
        user = idn.create_user(name=s["user"], domain_id=domain.id, password=password,
                               default_project_id=project.id)
    else:
        idn.update_user(user, password=password)
    idn.assign_project_role_to_user(project, user, admin_role)
    idn.assign_project_role_to_user(project, user, service_role)
    svc = next((x for x in idn.services() if x.name == s["service"]["name"]), None)
    if svc is None:
        svc = idn.create_service(name=s["service"]["name"], type=s["service"]["type"],
                                 description=s["service"]["description"])
    have = {e.interface: e for e in idn.endpoints(service_id=svc.id, region_id=region)}
    for interface in ("public", "internal", "admin"):
        e = have.get(interface)
        if e is None:
            idn.create_endpoint(service_id=svc.id, interface=interface, url=s["url"], region_id=region)
        elif e.url != s["url"]:
            idn.update_endpoint(e, url=s["url"])
print("identity ok:", ", ".join(s["user"] for s in json.loads(os.environ["PV_IDENTITY"])))
`;

/** The step command: feeds the script to the system python on stdin. */
export const IDENTITY_COMMAND = `/usr/bin/python3 - <<'PV_IDENTITY_EOF'${IDENTITY_SCRIPT}PV_IDENTITY_EOF`;
