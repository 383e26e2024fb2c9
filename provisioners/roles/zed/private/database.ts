// Database steps for the controller: one MariaDB database set and user per service, created
// idempotently through root's unix-socket login (Debian's MariaDB default, no root password).

import type { BootstrapStep } from "../../recipe";

export interface ServiceDatabase {
  readonly user: string;
  readonly databases: readonly string[];
  /** Secret holding the user's password. */
  readonly secret: string;
}

export const SERVICE_DATABASES: readonly ServiceDatabase[] = [
  { user: "keystone", databases: ["keystone"], secret: "keystone_db" },
  { user: "placement", databases: ["placement"], secret: "placement_db" },
  { user: "glance", databases: ["glance"], secret: "glance_db" },
  { user: "neutron", databases: ["neutron"], secret: "neutron_db" },
  { user: "nova", databases: ["nova_api", "nova", "nova_cell0"], secret: "nova_db" },
];

/** The password travels in the environment and reaches SQL through an unquoted heredoc. */
export function databaseStep(db: ServiceDatabase): BootstrapStep {
  const statements = [
    ...db.databases.map((name) => `CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8;`),
    `CREATE USER IF NOT EXISTS '${db.user}'@'%' IDENTIFIED BY '$PV_DB_PASSWORD';`,
    `CREATE USER IF NOT EXISTS '${db.user}'@'localhost' IDENTIFIED BY '$PV_DB_PASSWORD';`,
    `ALTER USER '${db.user}'@'%' IDENTIFIED BY '$PV_DB_PASSWORD';`,
    `ALTER USER '${db.user}'@'localhost' IDENTIFIED BY '$PV_DB_PASSWORD';`,
    ...db.databases.flatMap((name) => [
      `GRANT ALL PRIVILEGES ON \`${name}\`.* TO '${db.user}'@'%';`,
      `GRANT ALL PRIVILEGES ON \`${name}\`.* TO '${db.user}'@'localhost';`,
    ]),
  ];
  return {
    id: `database-${db.user}`,
    description: `MariaDB database(s) ${db.databases.join(", ")} and user ${db.user}`,
    phase: "bootstrap",
    needs: ["mariadb"],
    command: `mysql --protocol=socket -u root <<PV_SQL_EOF\n${statements.join("\n").replace(/`/g, "\\`")}\nPV_SQL_EOF`,
    env: { PV_DB_PASSWORD: `\${secret:${db.secret}}` },
    okExitCodes: [0],
  };
}
