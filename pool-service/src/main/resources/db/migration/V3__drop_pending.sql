-- Released members wait in DROP_PENDING (login disabled, database still on the host) until claims pause.
CREATE INDEX members_drop_pending ON members (updated_at) WHERE status = 'DROP_PENDING';
DROP INDEX members_host_live;
CREATE INDEX members_host_live ON members (host)
    WHERE status IN ('PROVISIONING', 'READY', 'CLAIMED', 'DROP_PENDING', 'RELEASING');
