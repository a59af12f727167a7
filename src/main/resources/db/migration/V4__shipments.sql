-- Shipment events (tracking numbers to push to the marketplaces) and the outbox state of each push.
-- An accepted event is a PENDING row; the push routes claim due rows and move them on:
--   PENDING -> IN_FLIGHT -> PUSHED | PENDING again with a later next_attempt_at (retry) | FAILED | DEAD
-- REJECTED rows keep invalid input, with its reason, for inspection; they are never pushed.

create table shipment_event (
    id                    bigserial primary key,
    event_id              text,                                   -- the sender's idempotency key (null: rejected input without one)
    source                text        not null check (source in ('KAFKA', 'FOLDER', 'API')),
    state                 text        not null check (state in ('PENDING', 'IN_FLIGHT', 'PUSHED', 'FAILED', 'DEAD', 'REJECTED')),
    account_id            bigint      references seller_account (id),
    marketplace           text,                                   -- AMAZON | FLIPKART
    order_id              bigint      references orders (id),
    marketplace_order_id  text,
    items                 jsonb,                                  -- resolved package content: [{orderItemId, sku, quantity}]
    package_key           text,                                   -- the package's items, normalised: same key = same package
    package_reference_id  bigint      check (package_reference_id > 0), -- Amazon packageReferenceId: per order, stable for updates
    event                 jsonb,                                  -- the accepted event as received
    raw_event             text,                                   -- rejected input as received (may not be JSON)
    reject_reason         text,
    attempts              integer     not null default 0,         -- pushes started (a claim counts, so a crash mid-push counts)
    next_attempt_at       timestamptz not null default now(),
    lease_until           timestamptz,                            -- IN_FLIGHT until then; later, another poller may take it over
    last_error            text,
    marketplace_response  text,
    received_at           timestamptz not null default now(),
    pushed_at             timestamptz,
    updated_at            timestamptz not null default now(),
    constraint shipment_event_accepted_is_complete check (state = 'REJECTED' or (event_id is not null and account_id is not null
        and order_id is not null and event is not null and items is not null and package_reference_id is not null)),
    constraint shipment_event_rejected_has_reason check (state <> 'REJECTED' or reject_reason is not null)
);
-- One accepted event per eventId, whatever the door and however often it is delivered. A rejected one may be sent
-- again, corrected, under the same id.
create unique index shipment_event_unique_event_id on shipment_event (event_id) where state <> 'REJECTED';
create index shipment_event_due on shipment_event (next_attempt_at) where state in ('PENDING', 'IN_FLIGHT');
create index shipment_event_per_order on shipment_event (order_id, id);
create index shipment_event_by_state on shipment_event (state, id desc);

-- camel-sql's JdbcMessageIdRepository (processor "shipment-intake"): its own DDL, made here rather than at start-up.
create table camel_messageprocessed (
    processorname  varchar(255) not null,
    messageid      varchar(100) not null,
    createdat      timestamp    not null,
    primary key (processorname, messageid)
);
