-- Shopify: the fulfillment each pushed package became (a new tracking number for the package updates it), and the
-- mandatory compliance requests received (customers/data_request, customers/redact, shop/redact).

create table shopify_fulfillment (
    order_id              bigint      not null references orders (id) on delete cascade,
    package_reference_id  bigint      not null,                    -- shipment_event.package_reference_id: one per package
    fulfillment_id        text        not null,                    -- gid://shopify/Fulfillment/…
    tracking_number       text,
    event_id              text        not null,                    -- the shipment event that created or last updated it
    created_at            timestamptz not null default now(),
    updated_at            timestamptz not null default now(),
    primary key (order_id, package_reference_id)
);

-- What a compliance webhook asked for; never the buyer's data itself.
create table shopify_compliance_request (
    id               bigserial primary key,
    webhook_id       text,
    shop_domain      text        not null,
    topic            text        not null,
    customer_id      text,
    order_ids        text[]      not null default '{}',
    orders_redacted  integer,                                      -- redact topics: stored orders whose buyer data was erased
    received_at      timestamptz not null default now()
);
create index shopify_compliance_request_shop on shopify_compliance_request (shop_domain, received_at);
