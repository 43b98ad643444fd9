package dev.petri.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

/** Settings every Petri service shares: the bus secret key and the database hosts it administers. */
@ConfigMapping(prefix = "petri")
public interface PetriConfig {

    /** Key shared by all services to seal secrets that travel on the bus ({@code PETRI_SECRET_KEY}). */
    String secretKey();

    /** Database hosts by name: staging, images and pool members live there. */
    Map<String, HostConfig> hosts();

    /** One database host. */
    interface HostConfig {

        /** Engine: {@code postgres} or {@code sqlserver}. */
        @WithDefault("postgres")
        String engine();

        /** JDBC URL of the server's maintenance database, for the administrative login. */
        String adminUrl();

        /** Administrative login. */
        String username();

        /** Its password. */
        String password();

        /** Host name developers connect to. */
        @WithDefault("localhost")
        String publicHost();

        /** Port developers connect to. */
        int publicPort();

        /** Most Petri databases this host may hold. */
        @WithDefault("100")
        int capacity();
    }
}
