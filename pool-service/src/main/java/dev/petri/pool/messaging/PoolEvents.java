package dev.petri.pool.messaging;

import dev.petri.common.EventMessages;
import dev.petri.events.EnvironmentDropped;
import dev.petri.events.EnvironmentExpired;
import dev.petri.events.EnvironmentExtended;
import dev.petri.events.EnvironmentFailed;
import dev.petri.events.EnvironmentReady;
import dev.petri.events.PoolMemberProvisioned;
import dev.petri.events.PoolMemberStatusChanged;
import dev.petri.events.PoolStatusChanged;
import dev.petri.events.Topics;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes the pool service's events; environment outcomes wait for the broker's acknowledgement. */
@ApplicationScoped
public class PoolEvents {

    @Inject
    @Channel(Topics.ENVIRONMENT_READY)
    MutinyEmitter<EnvironmentReady> ready;
    @Inject
    @Channel(Topics.ENVIRONMENT_FAILED)
    MutinyEmitter<EnvironmentFailed> failed;
    @Inject
    @Channel(Topics.ENVIRONMENT_DROPPED)
    MutinyEmitter<EnvironmentDropped> dropped;
    @Inject
    @Channel(Topics.ENVIRONMENT_EXPIRED)
    MutinyEmitter<EnvironmentExpired> expired;
    @Inject
    @Channel(Topics.ENVIRONMENT_EXTENDED)
    MutinyEmitter<EnvironmentExtended> extended;
    @Inject
    @Channel(Topics.POOL_MEMBER_PROVISIONED)
    MutinyEmitter<PoolMemberProvisioned> provisioned;
    @Inject
    @Channel(Topics.POOL_MEMBER_STATUS_CHANGED)
    MutinyEmitter<PoolMemberStatusChanged> memberStatus;
    @Inject
    @Channel(Topics.POOL_STATUS_CHANGED)
    MutinyEmitter<PoolStatusChanged> status;

    public void ready(EnvironmentReady event) {
        ready.sendMessageAndAwait(EventMessages.keyed(event));
    }

    public void failed(EnvironmentFailed event) {
        failed.sendMessageAndAwait(EventMessages.keyed(event));
    }

    public void dropped(EnvironmentDropped event) {
        dropped.sendMessageAndAwait(EventMessages.keyed(event));
    }

    public void expired(EnvironmentExpired event) {
        expired.sendMessageAndAwait(EventMessages.keyed(event));
    }

    public void extended(EnvironmentExtended event) {
        extended.sendMessageAndAwait(EventMessages.keyed(event));
    }

    public void provisioned(PoolMemberProvisioned event) {
        provisioned.sendMessageAndForget(EventMessages.keyed(event));
    }

    public void memberStatus(PoolMemberStatusChanged event) {
        memberStatus.sendMessageAndForget(EventMessages.keyed(event));
    }

    public void status(PoolStatusChanged event) {
        status.sendMessageAndForget(EventMessages.keyed(event));
    }
}
