// Fragments shared by the Zed role recipes: how services reach the database, the message queue
// and keystone. Only data builders; every value that differs per cloud is a ${param:...} and every
// password a ${secret:...}.

import type { Check, ConfigFile, DebconfAnswer } from "../../recipe";

export const CONTROLLER = "${param:controller_address}";
export const MY_ADDRESS = "${param:my_address}";
export const REGION = "${param:region}";
export const KEYSTONE_URL = `http://${CONTROLLER}:5000`;

/** Debian's OpenStack 'python3' is /usr/bin/python3; another python may come first on PATH. */
export const PYTHON = "/usr/bin/python3";

export function databaseUrl(user: string, database: string, secret: string): string {
  return `mysql+pymysql://${user}:\${secret:${secret}}@${CONTROLLER}/${database}?charset=utf8`;
}

export const TRANSPORT_URL = `rabbit://openstack:\${secret:rabbit}@${CONTROLLER}:5672/`;

/** A keystone password-auth block, as used by [keystone_authtoken], [placement], [neutron], [nova]. */
export function serviceCredentials(user: string, secret: string): Record<string, string> {
  return {
    auth_type: "password",
    auth_url: `${KEYSTONE_URL}/v3`,
    project_domain_name: "Default",
    user_domain_name: "Default",
    project_name: "service",
    username: user,
    password: `\${secret:${secret}}`,
    region_name: REGION,
  };
}

/** [keystone_authtoken] for an API service; memcached runs next to it on the controller. */
export function keystoneAuthtoken(user: string, secret: string): Record<string, string> {
  return {
    ...serviceCredentials(user, secret),
    www_authenticate_uri: KEYSTONE_URL,
    memcached_servers: "127.0.0.1:11211",
    service_token_roles_required: "true",
  };
}

/** Debconf: none of the packages may configure databases, queues or keystone by themselves. */
export const OPENSTACK_DEBCONF: readonly DebconfAnswer[] = [
  ...no("keystone", ["keystone/configure_db", "keystone/create-admin-tenant", "keystone/register-endpoint"]),
  ...no("glance-common", ["glance/configure_db", "glance/configure_rabbit", "glance/configure_ksat"]),
  ...no("placement-common", ["placement/configure_db", "placement/configure_ksat"]),
  ...no("nova-common", [
    "nova/configure_db",
    "nova/configure_rabbit",
    "nova/configure_ksat",
    "nova/configure_neutron",
    "nova/configure_placement",
  ]),
  ...no("neutron-common", [
    "neutron/configure_db",
    "neutron/configure_rabbit",
    "neutron/configure_ksat",
    "neutron/configure_nova",
  ]),
];

function no(owner: string, questions: readonly string[]): DebconfAnswer[] {
  return questions.map((question) => ({ owner, question, type: "boolean", value: "false" }));
}

/** An oslo-style config file that holds secrets: root:<service group>, 0640. */
export function secretIni(group: string, sections: ConfigFile["sections"]): ConfigFile {
  return { format: "ini", mode: "0640", owner: "root", group, strategy: "replace", sections };
}

/** An ini file without secrets that every local user may read: root:<group>, 0644. */
export function readableIni(group: string, sections: ConfigFile["sections"]): ConfigFile {
  return { format: "ini", mode: "0644", owner: "root", group, strategy: "replace", sections };
}

/** Settings merged into a uwsgi ini the package ships (keeps its app paths and users). */
export function uwsgiMerge(group: string): ConfigFile {
  return {
    format: "ini",
    mode: "0644",
    owner: "root",
    group,
    strategy: "merge",
    // Without it clients see connection resets from uwsgi's keep-alive handling.
    sections: {
      uwsgi: {
        "add-header": "Connection: close",
        // The packages default to 8 processes x 32 threads (about 140 MiB each for keystone).
        processes: "2",
        threads: "8",
      },
    },
  };
}

/** A health check that retries for `timeoutSeconds`. */
export function check(command: string, timeoutSeconds = 60, env?: Record<string, string>): Check {
  return env ? { command, timeoutSeconds, env } : { command, timeoutSeconds };
}

/** Proves a daemon holds an AMQP connection to the controller (process name as the kernel sees it). */
export function amqpConnected(processName: string): string {
  return `ss -Htnp state established '( dport = :5672 )' | grep -q '"${processName}"'`;
}

/** Proves the RPC server of a service consumes its queue on the controller's RabbitMQ. */
export function consumesQueue(queue: string): string {
  return `rabbitmqctl -q list_consumers | awk '{print $1}' | grep -qx '${queue}'`;
}

/** Admin credentials for the `openstack` CLI, given to steps through the environment. */
export const ADMIN_ENV: Readonly<Record<string, string>> = {
  OS_AUTH_URL: `${KEYSTONE_URL}/v3`,
  OS_IDENTITY_API_VERSION: "3",
  OS_USERNAME: "admin",
  OS_PASSWORD: "${secret:admin}",
  OS_PROJECT_NAME: "admin",
  OS_USER_DOMAIN_NAME: "Default",
  OS_PROJECT_DOMAIN_NAME: "Default",
  OS_REGION_NAME: REGION,
};
