-- Copies of an image version on hosts other than the one it was built on: made once per host and version.
CREATE TABLE image_copies (
    image      text        NOT NULL,
    version    int         NOT NULL,
    host       text        NOT NULL,
    database   text        NOT NULL,
    status     text        NOT NULL,
    error      text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (image, version, host)
);

CREATE INDEX members_provisioning ON members (updated_at) WHERE status = 'PROVISIONING';
CREATE INDEX members_host_live ON members (host) WHERE status IN ('PROVISIONING', 'READY', 'CLAIMED', 'RELEASING');
