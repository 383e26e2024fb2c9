import { describe, expect, test } from "vitest";
import {
  checkVlanRanges,
  dhcpAgentConf,
  metadataAgentConf,
  ml2Conf,
  neutronServerConf,
  ovsAgentConf,
  parseIni,
  renderIni,
  uwsgiIni,
} from "../../../provisioners/config";
import { KEYSTONE, MESSAGING, db, user } from "./fixtures";

const parsed = (m: Parameters<typeof renderIni>[0]) => parseIni(renderIni(m, { generatedBy: "t" }));

describe("ml2_conf.ini", () => {
  test("given VLAN ranges per physnet, then network_vlan_ranges lists each sorted, provider-only physnets bare", () => {
    const p = parsed(
      ml2Conf({
        typeDrivers: ["flat", "vlan", "vxlan"],
        tenantNetworkTypes: ["vlan"],
        vlanRanges: {
          physnet2: [],
          physnet1: [
            { min: 300, max: 399 },
            { min: 100, max: 199 },
          ],
        },
      })
    );
    expect(p.ml2).toMatchObject({ type_drivers: "flat,vlan,vxlan", tenant_network_types: "vlan", mechanism_drivers: "openvswitch" });
    expect(p.ml2_type_vlan.network_vlan_ranges).toBe("physnet1:100:199,physnet1:300:399,physnet2");
    expect(p.ml2_type_flat.flat_networks).toBe("physnet1,physnet2");
    expect(p.ml2_type_vxlan.vni_ranges).toBe("1:1000");
  });

  test("given no vlan type driver, then no [ml2_type_vlan] section", () => {
    expect(parsed(ml2Conf({ typeDrivers: ["flat"], tenantNetworkTypes: [], vlanRanges: { physnet1: [] } })).ml2_type_vlan).toBeUndefined();
  });

  test.each([
    [0, 10, "VlanIdOutOfRange"],
    [1, 4094, null],
    [4000, 4095, "VlanIdOutOfRange"],
    [200, 100, "VlanRangeInverted"],
    [1.5, 10, "VlanIdOutOfRange"],
  ] as const)("given range %i:%i, then the check gives %s", (min, max, code) => {
    const check = () => checkVlanRanges({ physnet1: [{ min, max }] });
    if (code) expect(check).toThrow(new RegExp(code));
    else expect(check).not.toThrow();
  });

  test.each([
    [
      [
        { min: 100, max: 200 },
        { min: 200, max: 300 },
      ],
      true,
    ],
    [
      [
        { min: 100, max: 200 },
        { min: 201, max: 300 },
      ],
      false,
    ],
    [
      [
        { min: 300, max: 400 },
        { min: 100, max: 350 },
      ],
      true,
    ],
  ] as const)("given ranges %j on one physnet, then overlap refused is %s", (ranges, overlaps) => {
    const check = () => checkVlanRanges({ physnet1: ranges });
    if (overlaps) expect(check).toThrow(/VlanRangeOverlap.*physnet1/);
    else expect(check).not.toThrow();
  });

  test("given a tenant type without its type driver, then TenantTypeWithoutDriver", () => {
    expect(() => ml2Conf({ typeDrivers: ["vlan"], tenantNetworkTypes: ["vxlan"], vlanRanges: {} })).toThrow(/TenantTypeWithoutDriver/);
  });
});

describe("openvswitch_agent.ini", () => {
  test("given bridge mappings of one host, then [ovs] bridge_mappings is sorted physnet:bridge", () => {
    const p = parsed(
      ovsAgentConf(
        { bridgeMappings: { physnet2: "br-storage", physnet1: "br-vlan" }, datapathType: "netdev", ovsdbConnection: "tcp:127.0.0.1:6640" },
        "kvm1"
      )
    );
    expect(p.ovs).toEqual({
      bridge_mappings: "physnet1:br-vlan,physnet2:br-storage",
      datapath_type: "netdev",
      ovsdb_connection: "tcp:127.0.0.1:6640",
    });
    expect(p.agent).toBeUndefined();
  });

  test("given one bridge for two physnets, then BridgeMappedTwice names the host", () => {
    expect(() => ovsAgentConf({ bridgeMappings: { a: "br-x", b: "br-x" } }, "kvm1")).toThrow(/BridgeMappedTwice.*kvm1/);
  });

  test.each(["br-0123456789abcdef", "br x", ""])("given bridge name %j, then InvalidBridgeName", (bridge) => {
    expect(() => ovsAgentConf({ bridgeMappings: { physnet1: bridge } })).toThrow(/InvalidBridgeName/);
  });

  test("given vxlan tunnels without a local IP, then TunnelWithoutLocalIp", () => {
    expect(() => ovsAgentConf({ bridgeMappings: {}, tunnelTypes: ["vxlan"] }, "kvm1")).toThrow(/TunnelWithoutLocalIp/);
    expect(parsed(ovsAgentConf({ bridgeMappings: {}, tunnelTypes: ["vxlan"], localIp: "10.0.0.21" })).agent.tunnel_types).toBe("vxlan");
  });
});

describe("neutron.conf", () => {
  test("given the server inputs, then ML2 core plugin, nova notifications and placeholders are rendered", () => {
    const text = renderIni(
      neutronServerConf({
        release: "zed",
        messaging: MESSAGING,
        database: db("neutron"),
        keystone: KEYSTONE,
        neutronUser: user("neutron"),
        novaUser: user("nova"),
        servicePlugins: ["router"],
      }),
      { generatedBy: "t" }
    );
    const p = parseIni(text);
    expect(p.DEFAULT).toMatchObject({ core_plugin: "ml2", service_plugins: "router", notify_nova_on_port_status_changes: "true" });
    expect(p.database.connection).toBe("mysql+pymysql://neutron:${secret:neutron_db_password}@10.0.0.10/neutron");
    expect(p.nova.username).toBe("nova");
    expect(p.keystone_authtoken.www_authenticate_uri).toBe("http://10.0.0.10:5000");
    expect(text).not.toMatch(/password = (?!\$\{secret:)/);
  });
});

describe("dhcp and metadata agents", () => {
  test("given the DHCP agent defaults, then OVS interfaces, dnsmasq and isolated metadata are rendered", () => {
    expect(parsed(dhcpAgentConf({}))).toEqual({
      DEFAULT: { interface_driver: "openvswitch", dhcp_driver: "neutron.agent.linux.dhcp.Dnsmasq", enable_isolated_metadata: "true" },
    });
  });

  test("given the metadata agent, then the shared secret is a placeholder", () => {
    expect(parsed(metadataAgentConf({ novaMetadataHost: "10.0.0.10", sharedSecret: "metadata_secret" })).DEFAULT).toEqual({
      nova_metadata_host: "10.0.0.10",
      metadata_proxy_shared_secret: "${secret:metadata_secret}",
    });
  });
});

describe("uwsgi ini", () => {
  test("given an API under uwsgi, then Connection: close is sent unless turned off", () => {
    const on = parsed(uwsgiIni({ wsgiFile: "/usr/bin/keystone-wsgi-public", httpSocket: "10.0.0.10:5000" }));
    expect(on.uwsgi).toMatchObject({
      "wsgi-file": "/usr/bin/keystone-wsgi-public",
      "http-socket": "10.0.0.10:5000",
      "add-header": "Connection: close",
    });
    const off = parsed(uwsgiIni({ wsgiFile: "/x", httpSocket: "127.0.0.1:1", connectionClose: false }));
    expect(off.uwsgi["add-header"]).toBeUndefined();
  });
});
