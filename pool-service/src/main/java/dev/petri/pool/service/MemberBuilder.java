package dev.petri.pool.service;

import dev.petri.common.Credentials;
import dev.petri.common.EngineRegistry;
import dev.petri.common.SecretBox;
import dev.petri.engine.CloneResult;
import dev.petri.engine.DatabaseEngine;
import dev.petri.events.EventJson;
import dev.petri.events.PetriEvent;
import dev.petri.events.PoolMemberProvisioned;
import dev.petri.events.PoolMemberStatusChanged;
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
 * Builds and drops pool members: make sure the member's host has the image, clone it, mark the
 * clone as Petri's, give it its own login (the slow password hashing happens here, off the claim
 * path), deploy the team's migrations, mark it READY. Every status change is announced.
 */
@ApplicationScoped
public class MemberBuilder {

    /** Prefix of the marker written on every member database: {@code petri:member:<member id>}. */
    public static final String MARKER_PREFIX = "petri:member:";

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
    @Inject
    ImageCopier copier;

    /**
     * Builds a reserved member (a PROVISIONING row); it is left PROVISIONING when {@code forRequest}
     * (the caller claims it), else made READY. Throws when the build failed (the half-built member is
     * dropped and marked FAILED).
     */
    public void build(PoolImage image, Member reserved, boolean forRequest) {
        String password = Credentials.randomPassword(24);
        if (!members.startBuild(reserved.id(), EventJson.write(secrets.seal(password)))) {
            throw new IllegalStateException("member " + reserved.id() + " was given up before its build started");
        }
        DatabaseEngine engine = engines.engine(reserved.host());
        try {
            String template = copier.ensureOn(image, reserved.host());
            CloneResult clone = engine.cloneDatabase(template, reserved.database());
            engine.markDatabase(reserved.database(), MARKER_PREFIX + reserved.id());
            engine.createOwnerLoginWithRandomPassword(reserved.database(), reserved.login(), password);
            // the service reaches the host where it administers it; the public address is for developers
            migrations.apply(engine.internalJdbcUrl(reserved.database()), reserved.login(), password);
            members.recordClone(reserved.id(), clone.method().name(), clone.millis());
            if (!forRequest) {
                if (!transition(reserved, MemberStatus.PROVISIONING, MemberStatus.READY)) {
                    throw new IllegalStateException("member " + reserved.id() + " left PROVISIONING while it was built");
                }
                events.provisioned(new PoolMemberProvisioned(PetriEvent.newId(), Instant.now(), reserved.id(),
                        reserved.id(), image.image(), image.version(), reserved.host(), reserved.database(),
                        clone.method().name(), clone.millis()));
            }
        } catch (RuntimeException e) {
            LOG.warnf("building member %s of %s v%d on %s failed: %s", reserved.id(), image.image(), image.version(),
                    reserved.host(), e.getMessage());
            members.recordError(reserved.id(), e.getMessage());
            transition(reserved, MemberStatus.PROVISIONING, MemberStatus.FAILED);
            dropDatabaseAndLogin(engine, reserved.database(), reserved.login());
            throw e;
        }
    }

    /**
     * Takes a claimed member out of service at once without dropping its database yet: its login is
     * disabled and its sessions ended (the released credentials stop working now), then it is marked
     * DROP_PENDING, for {@link PendingDrops} to drop once claims pause. Where the login cannot be
     * disabled, the member is dropped right away instead. Returns true when this call took the member
     * out of service; false when another caller (or instance) already did.
     */
    public boolean release(Member member) {
        if (member.status() != MemberStatus.CLAIMED) {
            return false;
        }
        try {
            engines.engine(member.host()).disableLogin(member.login());
        } catch (RuntimeException e) {
            LOG.warnf("could not disable the login of member %s (%s): dropping it now", member.id(), e.getMessage());
            return drop(member);
        }
        return transition(member, MemberStatus.CLAIMED, MemberStatus.DROP_PENDING);
    }

    /**
     * Drops a member's database and login and marks it DROPPED. Returns true when this call took the
     * member out of service; false when another caller (or instance) already did.
     */
    public boolean drop(Member member) {
        if (member.status() != MemberStatus.RELEASING) {
            if (!member.status().canMoveTo(MemberStatus.RELEASING)
                    || !transition(member, member.status(), MemberStatus.RELEASING)) {
                return false;
            }
        }
        dropDatabaseAndLogin(engines.engine(member.host()), member.database(), member.login());
        transition(member, MemberStatus.RELEASING, MemberStatus.DROPPED);
        return true;
    }

    /** Moves a member between statuses and announces it; false when it was not in the expected status. */
    public boolean transition(Member member, MemberStatus from, MemberStatus to) {
        boolean moved = members.transition(member.id(), from, to);
        if (moved) {
            announce(member, from, to);
        }
        return moved;
    }

    /** Announces a status change made elsewhere (a claim). */
    public void announce(Member member, MemberStatus from, MemberStatus to) {
        events.memberStatus(new PoolMemberStatusChanged(PetriEvent.newId(), Instant.now(),
                member.environmentId() == null ? member.id() : member.environmentId(), member.id(), member.image(),
                member.version(), member.host(), from.name(), to.name(), member.environmentId()));
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
