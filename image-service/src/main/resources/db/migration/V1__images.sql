CREATE TABLE image_definitions (
    name                    text PRIMARY KEY,
    engine                  text        NOT NULL,
    source                  jsonb       NOT NULL,
    refresh_cron            text,
    pool_size               int         NOT NULL,
    policy                  jsonb,
    definition_hash         text        NOT NULL,
    rebuild_pending         boolean     NOT NULL DEFAULT false,
    last_build_requested_at timestamptz,
    updated_at              timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE image_versions (
    image          text        NOT NULL REFERENCES image_definitions (name),
    version        int         NOT NULL,
    status         text        NOT NULL,
    correlation_id text        NOT NULL,
    trigger        text        NOT NULL,
    host           text,
    database       text,
    size_bytes     bigint,
    source_time    timestamptz,
    policy_hash    text,
    error_type     text,
    error          text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    ready_at       timestamptz,
    retired_at     timestamptz,
    PRIMARY KEY (image, version)
);

-- one build per image at a time
CREATE UNIQUE INDEX image_versions_one_build ON image_versions (image) WHERE status = 'BUILDING';
