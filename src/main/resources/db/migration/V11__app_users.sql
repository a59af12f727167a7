-- Users of the seller's page (/app): the aggregator's staff (every account) and sellers (the accounts carrying their
-- seller_reference). Passwords as Spring Security's encoded form ({bcrypt}…), never in clear.
create table app_user (
    id                bigserial   primary key,
    username          text        not null,
    password_hash     text        not null,
    role              text        not null check (role in ('STAFF', 'SELLER')),
    seller_reference  text,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    constraint app_user_unique_username unique (username),
    constraint app_user_seller_has_reference check (role <> 'SELLER' or seller_reference is not null)
);
