package dev.petri.events;

import java.util.List;

/** Kafka topic names, declared once: dotted and hierarchical. */
public final class Topics {

    public static final String IMAGE_DEFINITION_SUBMITTED = "petri.image.definition-submitted";
    public static final String IMAGE_POLICY_SUBMITTED = "petri.image.policy-submitted";
    public static final String IMAGE_BUILD_ORDERED = "petri.image.build-ordered";
    public static final String IMAGE_BUILD_REQUESTED = "petri.image.build-requested";
    public static final String MASKING_PROGRESSED = "petri.masking.progressed";
    public static final String MASKING_COMPLETED = "petri.masking.completed";
    public static final String MASKING_FAILED = "petri.masking.failed";
    public static final String IMAGE_BUILD_FAILED = "petri.image.build-failed";
    public static final String IMAGE_READY = "petri.image.ready";
    public static final String IMAGE_RETIRED = "petri.image.retired";
    public static final String ENVIRONMENT_REQUESTED = "petri.environment.requested";
    public static final String ENVIRONMENT_READY = "petri.environment.ready";
    public static final String ENVIRONMENT_FAILED = "petri.environment.failed";
    public static final String ENVIRONMENT_RELEASED = "petri.environment.released";
    public static final String ENVIRONMENT_EXPIRED = "petri.environment.expired";
    public static final String ENVIRONMENT_DROPPED = "petri.environment.dropped";
    public static final String ENVIRONMENT_EXTEND_REQUESTED = "petri.environment.extend-requested";
    public static final String ENVIRONMENT_EXTENDED = "petri.environment.extended";
    public static final String POOL_MEMBER_PROVISIONED = "petri.pool.member-provisioned";
    public static final String POOL_STATUS_CHANGED = "petri.pool.status-changed";
    public static final String POOL_MEMBER_STATUS_CHANGED = "petri.pool.member-status-changed";

    /** Every topic above, in the order a flow passes them. */
    public static final List<String> ALL = List.of(
            IMAGE_DEFINITION_SUBMITTED, IMAGE_POLICY_SUBMITTED, IMAGE_BUILD_ORDERED, IMAGE_BUILD_REQUESTED,
            MASKING_PROGRESSED, MASKING_COMPLETED, MASKING_FAILED, IMAGE_BUILD_FAILED, IMAGE_READY, IMAGE_RETIRED,
            ENVIRONMENT_REQUESTED, ENVIRONMENT_READY,
            ENVIRONMENT_FAILED, ENVIRONMENT_RELEASED, ENVIRONMENT_EXPIRED, ENVIRONMENT_DROPPED,
            ENVIRONMENT_EXTEND_REQUESTED, ENVIRONMENT_EXTENDED, POOL_MEMBER_PROVISIONED, POOL_STATUS_CHANGED,
            POOL_MEMBER_STATUS_CHANGED);

    private Topics() {
    }
}
