// The cluster behind a cluster manager (a vCenter cluster, a z/VM system): one nova-compute on a
// proxy host speaks for all of it, so the model records what nova cannot see from the proxy.
export interface ClusterOptions {
  /** Cluster name as the manager knows it (vCenter `cluster_name`, z/VM system id). */
  readonly name: string;
  /** Hypervisor hosts in the cluster. */
  readonly hostCount: number;
  /**
   * Storage every host of the cluster sees (a vSAN/NFS/VMFS datastore, a z/VM disk pool). Without
   * it instances cannot move between the cluster's hosts, so polyvisor refuses the cluster.
   */
  readonly sharedStorage?: string;
}
