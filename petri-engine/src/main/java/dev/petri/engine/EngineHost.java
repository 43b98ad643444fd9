package dev.petri.engine;

/**
 * A database server Petri administers, and how developers reach it.
 *
 * @param name       stable name of the host in Petri's configuration
 * @param engine     engine kind: {@code postgres} or {@code sqlserver}
 * @param adminUrl   JDBC URL of the server's maintenance database, for an administrative login
 * @param username   administrative login
 * @param password   its password (never logged)
 * @param publicHost host name developers connect to
 * @param publicPort port developers connect to
 * @param capacity   most Petri databases this host may hold
 */
public record EngineHost(String name, String engine, String adminUrl, String username, String password,
                         String publicHost, int publicPort, int capacity) {

    @Override
    public String toString() {
        return "EngineHost[" + name + ", " + engine + ", " + publicHost + ":" + publicPort + "]";
    }
}
