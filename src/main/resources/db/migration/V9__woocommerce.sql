-- WooCommerce: every store is its own site. What the connector keeps per account beside seller_account (whose sealed
-- credentials hold the store URL, the REST API keys and the webhooks' secret):
--   woocommerce_store    the store URL, whether it has the Shipment Tracking extension, the state of its webhooks, and
--                        a sealed copy of the keys kept only until the store's webhooks are deleted on disconnect
--                        (seller_account's credentials are erased before the disconnect event is published);
--   woocommerce_webhook  the webhooks this service created on the store, one per topic;
--   woocommerce_connect  one-click connections: the outcome of the store's key POST, by the state's SHA-256, for the
--                        return page the seller's browser reaches afterwards.
create table woocommerce_store (
    account_id             bigint      primary key references seller_account (id) on delete cascade,
    store_url              text        not null,
    has_shipment_tracking  boolean,                         -- null: not probed yet
    webhook_note           text,                            -- the last repair of the store's webhooks, as the API shows it
    webhooks_checked_at    timestamptz,
    cleanup_ciphertext     bytea,                           -- the keys, sealed, until the webhooks are deleted
    cleanup_key_id         text,
    updated_at             timestamptz not null default now(),
    constraint woocommerce_cleanup_needs_key check (cleanup_ciphertext is null or cleanup_key_id is not null)
);

create table woocommerce_webhook (
    account_id   bigint      not null references seller_account (id) on delete cascade,
    topic        text        not null check (topic in ('order.created', 'order.updated', 'order.deleted')),
    webhook_id   bigint      not null,                      -- the store's webhook id
    created_at   timestamptz not null default now(),
    primary key (account_id, topic)
);

create table woocommerce_connect (
    state_hash   bytea       primary key,                   -- SHA-256 of the one-time state (wc-auth user_id)
    account_id   bigint      references seller_account (id) on delete cascade,
    error        text,
    return_url   text,                                      -- where the seller's browser goes at the end, if anywhere
    created_at   timestamptz not null default now()
);
