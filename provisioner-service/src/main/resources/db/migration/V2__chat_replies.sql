-- Slash commands answered before their environment was ready: where to post it once it is.
CREATE TABLE chat_replies (
    environment_id text PRIMARY KEY REFERENCES environments (id),
    response_url   text        NOT NULL,
    attempts       int         NOT NULL DEFAULT 0,
    created_at     timestamptz NOT NULL DEFAULT now(),
    delivered_at   timestamptz
);

CREATE INDEX chat_replies_pending ON chat_replies (created_at) WHERE delivered_at IS NULL;
