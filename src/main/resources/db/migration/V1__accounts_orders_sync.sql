-- Seller accounts, their marketplaces, sync bookkeeping and the canonical order model.
-- Invariants live here as constraints, so a bug in Java cannot create a duplicate.

create table seller_account (
    id                       bigserial primary key,
    marketplace              text        not null check (marketplace in ('AMAZON', 'FLIPKART', 'SHOPIFY', 'WOOCOMMERCE')),
    region                   text        not null,                 -- AMAZON: NA | EU | FE; FLIPKART: IN
    external_account_id      text        not null,                 -- Amazon selling partner id, Flipkart seller id
    seller_reference         text,                                 -- the seller's id in the aggregator, if given
    status                   text        not null check (status in ('CONNECTED', 'NEEDS_REAUTH', 'DISCONNECTED', 'ERROR')),
    status_reason            text,
    credentials_ciphertext   bytea,                                -- Tink AEAD ciphertext of a JSON credential document
    credentials_key_id       text,                                 -- primary key id of the keyset that encrypted it
    last_error               text,
    last_error_at            timestamptz,
    last_successful_sync_at  timestamptz,
    created_at               timestamptz not null default now(),
    updated_at               timestamptz not null default now(),
    constraint seller_account_unique_external unique (marketplace, region, external_account_id),
    constraint credentials_need_key check (credentials_ciphertext is null or credentials_key_id is not null)
);

-- Marketplaces enabled per account (Amazon: IN, UK, DE ...; Flipkart: IN).
create table account_marketplace (
    account_id        bigint      not null references seller_account (id) on delete cascade,
    marketplace_code  text        not null,
    marketplace_id    text        not null,                        -- Amazon marketplace id, e.g. A21TJRUUN4KGV
    enabled_at        timestamptz not null default now(),
    primary key (account_id, marketplace_code)
);

-- The watermark: everything last updated before it has been committed for this account and marketplace.
create table sync_cursor (
    account_id        bigint      not null references seller_account (id) on delete cascade,
    marketplace_code  text        not null,
    watermark         timestamptz not null,
    updated_at        timestamptz not null default now(),
    primary key (account_id, marketplace_code)
);

create table sync_run (
    id                  bigserial primary key,
    account_id          bigint      not null references seller_account (id) on delete cascade,
    trigger             text        not null check (trigger in ('SCHEDULED', 'MANUAL')),
    status              text        not null check (status in ('RUNNING', 'SUCCEEDED', 'FAILED', 'ABANDONED')),
    window_from         timestamptz,
    window_to           timestamptz,
    pages               integer     not null default 0,
    api_calls           integer     not null default 0,
    throttled_responses integer     not null default 0,
    orders_inserted     integer     not null default 0,
    orders_updated      integer     not null default 0,
    error               text,
    owner               text,                                       -- which process runs it
    heartbeat_at        timestamptz not null default now(),
    started_at          timestamptz not null default now(),
    finished_at         timestamptz
);
-- The database lock: at most one running sync per account, across threads and processes.
create unique index sync_run_one_running_per_account on sync_run (account_id) where status = 'RUNNING';
create index sync_run_account_started on sync_run (account_id, started_at desc);

-- Canonical orders: every marketplace maps into these two tables.
create table orders (
    id                     bigserial primary key,
    account_id             bigint        not null references seller_account (id),
    marketplace            text          not null,                 -- AMAZON | FLIPKART
    marketplace_code       text,                                   -- IN, UK, US ...
    marketplace_order_id   text          not null,
    status                 text          not null,                 -- canonical: PENDING, UNSHIPPED, PARTIALLY_SHIPPED, SHIPPED, DELIVERED, CANCELLED, ON_HOLD, RETURNED
    marketplace_status     text,                                   -- the marketplace's own status word
    fulfilled_by           text,                                   -- SELLER | MARKETPLACE (Amazon FBA/AFN)
    purchased_at           timestamptz,
    source_updated_at      timestamptz   not null,                 -- the marketplace's last-updated time of this copy
    currency               text,
    total_amount           numeric(14, 2),
    buyer_name             text,
    ship_to_name           text,
    ship_to_line1          text,
    ship_to_line2          text,
    ship_to_city           text,
    ship_to_state          text,
    ship_to_postal_code    text,
    ship_to_country_code   text,
    ship_by                timestamptz,
    deliver_by             timestamptz,
    raw                    jsonb         not null,                 -- the marketplace's JSON of the order, as received
    first_seen_at          timestamptz   not null default now(),
    updated_at             timestamptz   not null default now(),
    constraint orders_unique_per_account unique (account_id, marketplace_order_id)
);
create index orders_account_updated on orders (account_id, source_updated_at);

create table order_item (
    id                     bigserial primary key,
    order_id               bigint        not null references orders (id) on delete cascade,
    marketplace_item_id    text          not null,                 -- Amazon orderItemId, Flipkart orderItemId
    sku                    text,
    product_id             text,                                   -- ASIN, FSN
    title                  text,
    quantity               integer       not null,
    quantity_shipped       integer       not null default 0,
    unit_price             numeric(14, 2),
    currency               text,
    status                 text,
    raw                    jsonb         not null,
    constraint order_item_unique unique (order_id, marketplace_item_id)
);
