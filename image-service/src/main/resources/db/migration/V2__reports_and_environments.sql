-- the masking report of each version (what was found, which rule masked it, the leak scan)
ALTER TABLE image_versions ADD COLUMN report jsonb;

-- environments made from each version, learnt from EnvironmentReady / EnvironmentDropped; a version past
-- retention is retired only when none of its environments is live. A drop seen before its ready is kept
-- as a row with dropped_at set, so the late ready does not count it as live.
CREATE TABLE image_environments (
    environment_id text PRIMARY KEY,
    image          text        NOT NULL,
    version        int,
    created_at     timestamptz NOT NULL DEFAULT now(),
    dropped_at     timestamptz
);

CREATE INDEX image_environments_live ON image_environments (image, version) WHERE dropped_at IS NULL;
