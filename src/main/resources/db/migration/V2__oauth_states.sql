-- One-time OAuth `state` values of the marketplaces' website authorization workflows (Amazon first).
-- Only a SHA-256 of the state is stored: a database dump cannot be replayed against the callback.
-- A state is consumed by one conditional update (used_at is null and not expired), so a replay race passes once.

create table oauth_state (
    state_hash        bytea       primary key,                  -- SHA-256 of the state sent to the marketplace
    marketplace       text        not null check (marketplace in ('AMAZON', 'FLIPKART', 'SHOPIFY', 'WOOCOMMERCE')),
    region            text        not null,                     -- AMAZON: NA | EU | FE
    marketplace_code  text,                                     -- the marketplace to enable on connect (IN, UK ...), if named
    seller_reference  text,                                     -- the seller's id in the aggregator, if given
    redirect_uri      text        not null,                     -- the redirect URI of the consent URL: the code exchange repeats it
    return_url        text,                                     -- where the seller's browser goes at the end, if anywhere
    created_at        timestamptz not null,
    expires_at        timestamptz not null,
    used_at           timestamptz
);
create index oauth_state_expires on oauth_state (expires_at);
