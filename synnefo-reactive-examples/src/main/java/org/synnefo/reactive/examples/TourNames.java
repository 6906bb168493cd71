package org.synnefo.reactive.examples;

/**
 * The names the examples give to what they create and look up, so that a later example finds what an
 * earlier one made (the kamaki scripts hard-code ids such as {@code "my-server-id"} instead).
 */
public final class TourNames {

    /** The server compute-create makes with a public IP. */
    public static final String PUBLIC_SERVER = "My public server";
    /** The server compute-create makes without networking. */
    public static final String PRIVATE_SERVER = "My private server";
    /** The server compute-wait makes and waits for; compute-reboot and compute-reassign-resize act on it. */
    public static final String WAITED_SERVER = "My server";
    /** The private network of network-vpn. */
    public static final String VPN = "My Network";
    /** The private network of network-cluster. */
    public static final String CLUSTER_NETWORK = "Cluster Network";
    /** The cluster's servers: two nodes on the private network, and the gateway with the public IP. */
    public static final String NODE_1 = "Node 1";
    /** The second cluster node. */
    public static final String NODE_2 = "Node 2";
    /** The cluster's gateway. */
    public static final String GATEWAY = "Gateway";
    /** The volume of volume-plug-unplug. */
    public static final String USB_STICK = "USB stick";
    /** The name of the course project seeded in the embedded cloud. */
    public static final String COURSE_PROJECT = "CS333 lab assignments";

    private TourNames() {
    }
}
