CREATE TABLE pool_images (
    image      text        NOT NULL,
    version    int         NOT NULL,
    engine     text        NOT NULL,
    host       text        NOT NULL,
    database   text        NOT NULL,
    status     text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (image, version)
);

CREATE TABLE pool_targets (
    image      text PRIMARY KEY,
    size       int         NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE members (
    id              uuid PRIMARY KEY,
    image           text        NOT NULL,
    version         int         NOT NULL,
    host            text        NOT NULL,
    database        text        NOT NULL UNIQUE,
    login           text        NOT NULL UNIQUE,
    password_sealed text        NOT NULL,
    status          text        NOT NULL,
    migrations_hash text,
    environment_id  text UNIQUE,
    owner           text,
    label           text,
    claimed_at      timestamptz,
    expires_at      timestamptz,
    clone_method    text,
    clone_ms        bigint,
    cold            boolean     NOT NULL DEFAULT false,
    error           text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX members_ready ON members (image, version, created_at) WHERE status = 'READY';
CREATE INDEX members_claimed_expiry ON members (expires_at) WHERE status = 'CLAIMED';

CREATE TABLE environment_requests (
    environment_id text PRIMARY KEY,
    image          text        NOT NULL,
    status         text        NOT NULL,
    member_id      uuid,
    outcome        jsonb,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
