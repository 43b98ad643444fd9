-- Which pool-service instance builds a member or copies an image, and which instances are alive (their heartbeat):
-- an instance that starts recovers the half-done work of instances that stopped, never the builds of one that runs.
CREATE TABLE pool_instances (
    id uuid PRIMARY KEY,
    started_at timestamptz NOT NULL DEFAULT now(),
    heartbeat_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE members ADD COLUMN built_by uuid;
ALTER TABLE image_copies ADD COLUMN copied_by uuid;
