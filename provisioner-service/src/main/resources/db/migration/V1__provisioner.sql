CREATE TABLE images (
    name                 text PRIMARY KEY,
    engine               text        NOT NULL,
    status               text        NOT NULL,
    pool_size            int         NOT NULL,
    refresh_cron         text,
    definition           jsonb       NOT NULL,
    latest_version       int,
    latest_ready_version int,
    phase                text,
    percent              int,
    progress_table       text,
    error_type           text,
    error                text,
    updated_at           timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE image_versions (
    image       text        NOT NULL,
    version     int         NOT NULL,
    status      text        NOT NULL,
    trigger     text,
    size_bytes  bigint,
    database    text,
    source_time timestamptz,
    policy_hash text,
    report      jsonb,
    error_type  text,
    error       text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    ready_at    timestamptz,
    PRIMARY KEY (image, version)
);

CREATE TABLE pools (
    image         text PRIMARY KEY,
    image_version int         NOT NULL,
    target        int         NOT NULL,
    ready         int         NOT NULL,
    provisioning  int         NOT NULL,
    claimed       int         NOT NULL,
    clone_method  text,
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE environments (
    id              text PRIMARY KEY,
    owner           text        NOT NULL,
    image           text        NOT NULL,
    label           text,
    ttl_seconds     bigint      NOT NULL,
    status          text        NOT NULL,
    image_version   int,
    engine          text,
    host            text,
    port            int,
    database        text,
    username        text,
    password_sealed text,
    expires_at      timestamptz,
    cold            boolean,
    error_type      text,
    error           text,
    idempotency_key text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (owner, idempotency_key)
);

CREATE INDEX environments_owner ON environments (owner, created_at);

CREATE TABLE tokens (
    id         text PRIMARY KEY,
    name       text        NOT NULL,
    role       text        NOT NULL,
    token_hash text        NOT NULL UNIQUE,
    created_by text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
);
