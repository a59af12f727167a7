-- The orders API's pages (orders.OrderQueries) and the outbox of the topic orders.changed (routes/orders-changed.yaml).

-- Keyset pagination in (source_updated_at, id) order: one index range scan per page, however deep. The account's
-- index gains id as its last column (it answers everything the old one did), so a sync still maintains one index per
-- account order; the second index serves the list of every account (staff).
create index orders_account_keyset on orders (account_id, source_updated_at, id);
drop index orders_account_updated;
create index orders_keyset on orders (source_updated_at, id);

-- The outbox of orders.changed: one row per real insert or change of an order, written by the order upsert
-- (sql/upsert-orders.sql) in its own statement and transaction, so an order is never changed without its event nor an
-- event written for a change that rolled back. The publisher, in one transaction per batch, locks the oldest rows (FOR
-- UPDATE SKIP LOCKED), sends them, deletes them and commits; a crash before the commit leaves them in place, and they
-- are sent again under the same id (the message's eventId): at least once. The table holds only what is still to send
-- (the topic is the history), so one index serves the claim and each event costs one insert and one delete.
create table order_events (
    id                 bigserial   primary key,               -- the event id consumers dedupe on
    order_id           bigint      not null,                  -- orders.id (no foreign key: its check would cost the upsert a lookup per order; orders are never deleted)
    inserted           boolean     not null,                  -- a new order (the message's change: CREATED), else UPDATED
    source_updated_at  timestamptz not null,                  -- the copy's last-updated time that made the change
    created_at         timestamptz not null default now()
);
