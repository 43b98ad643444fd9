CREATE TABLE masking_runs (
    image          text        NOT NULL,
    version        int         NOT NULL,
    status         text        NOT NULL,
    correlation_id text        NOT NULL,
    request        jsonb       NOT NULL,
    host           text,
    staging_db     text,
    phase          text,
    percent        int         NOT NULL DEFAULT 0,
    error_type     text,
    error          text,
    outcome        jsonb,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (image, version)
);
