package dev.petri.pool.service;

import dev.petri.common.Credentials;
import dev.petri.common.EngineRegistry;
import dev.petri.common.SecretBox;
import dev.petri.engine.CloneResult;
import dev.petri.engine.DatabaseEngine;
import dev.petri.engine.DbNames;
import dev.petri.events.EventJson;
import dev.petri.events.PetriEvent;
import dev.petri.events.PoolMemberProvisioned;
import dev.petri.events.SealedSecret;
import dev.petri.pool.Member;
import dev.petri.pool.MemberStatus;
import dev.petri.pool.PoolImage;
import dev.petri.pool.messaging.PoolEvents;
import dev.petri.pool.repository.MemberRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Builds and drops pool members: clone the image, give the clone its own login (the slow password
 * hashing happens here, off the claim path), deploy the team's migrations, mark it READY.
 */
@ApplicationScoped
public class MemberBuilder {

    private static final Logger LOG = Logger.getLogger(MemberBuilder.class);

    @Inject
    MemberRepository members;
    @Inject
    EngineRegistry engines;
    @Inject
    SecretBox secrets;
    @Inject
    PoolEvents events;
    @Inject
    Migrations migrations;

    /**
     * Builds one member of an image version; it is left PROVISIONING when {@code forRequest} (the
     * caller claims it), else made READY. Returns the member id, or throws when the build failed
     * (the half-built member is dropped).
     */
    public String build(PoolImage image, boolean forRequest) {
        String id = MemberRepository.newId();
        String database = DbNames.member(id);
        String login = DbNames.login(id);
        String password = Credentials.randomPassword(24);
        members.insertProvisioning(id, image.image(), image.version(), image.host(), database, login,
                EventJson.write(secrets.seal(password)), migrations.hash());
        DatabaseEngine engine = engines.engine(image.host());
        try {
            CloneResult clone = engine.cloneDatabase(image.database(), database);
            engine.createOwnerLogin(database, login, password);
            migrations.apply(engine.publicJdbcUrl(database), login, password);
            members.recordClone(id, clone.method().name(), clone.millis());
            if (!forRequest && !members.transition(id, MemberStatus.PROVISIONING, MemberStatus.READY)) {
                throw new IllegalStateException("member " + id + " left PROVISIONING while it was built");
            }
            events.provisioned(new PoolMemberProvisioned(PetriEvent.newId(), Instant.now(), id, id, image.image(),
                    image.version(), image.host(), database, clone.method().name(), clone.millis()));
            return id;
        } catch (RuntimeException e) {
            LOG.warnf("building a member of %s v%d failed: %s", image.image(), image.version(), e.getMessage());
            members.recordError(id, e.getMessage());
            members.transition(id, MemberStatus.PROVISIONING, MemberStatus.FAILED);
            dropDatabaseAndLogin(engine, database, login);
            throw e;
        }
    }

    /** Drops a member's database and login and marks it DROPPED; safe to repeat. */
    public void drop(Member member) {
        if (member.status() != MemberStatus.RELEASING
                && !members.transition(member.id(), member.status(), MemberStatus.RELEASING)) {
            return;
        }
        dropDatabaseAndLogin(engines.engine(member.host()), member.database(), member.login());
        members.transition(member.id(), MemberStatus.RELEASING, MemberStatus.DROPPED);
    }

    /** Drops a database and its login whatever state they are in. */
    void dropDatabaseAndLogin(DatabaseEngine engine, String database, String login) {
        try {
            engine.dropDatabase(database);
            engine.dropLogin(login);
        } catch (RuntimeException e) {
            LOG.errorf("could not drop %s / %s: %s (recovery will retry)", database, login, e.getMessage());
        }
    }

    /** The sealed password of a member. */
    public SealedSecret sealedPassword(Member member) {
        return EventJson.read(member.passwordSealed(), SealedSecret.class);
    }
}
