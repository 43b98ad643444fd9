-- A release can arrive before its request is served (the request queued, or its member still being built):
-- it is recorded on the request (a row of its own when the request was not seen yet, its image unknown),
-- and honoured once the request is served.
ALTER TABLE environment_requests ALTER COLUMN image DROP NOT NULL;
ALTER TABLE environment_requests ADD COLUMN released_by text;
ALTER TABLE environment_requests ADD COLUMN released_at timestamptz;
