-- Stores canonical orders (one page, or a batch of pages; see OrderRows) for one account in one statement. The rows
-- arrive as typed arrays, one per column, and are unnested here: no document for PostgreSQL to parse but the raw JSON.
-- New orders are inserted; a known order is updated only by a copy the marketplace updated later, so an older
-- copy (overlapping windows, a page fetched twice) never overwrites a newer one. Items follow their order (each item
-- names its order's position in the arrays, so two copies of one order keep their own items); an order that spans
-- several shipments (Flipkart) arrives with the items of all its known shipments. An item's raw JSON is either given,
-- or is element raw_index of the array raw_field of its order's raw JSON (Amazon: orderItems), so it is sent once.
-- Every order this statement really inserts or changes gets one row in order_events, the outbox of the topic
-- orders.changed (V10, routes/orders-changed.yaml), in the same statement and so the same transaction: the upsert's
-- RETURNING lists exactly those orders (a copy that is older, or equal, is skipped by the conflict clause's WHERE and
-- returns nothing), and (xmax = 0) tells an insert from an update. One INSERT ... SELECT per batch.
-- Returns how many orders were inserted and how many updated.
with chosen as (
    -- The newest copy of each order in the batch: sorted on id and time only, not on the wide rows.
    select distinct on (c.marketplace_order_id) c.marketplace_order_id, c.batch_position
      from unnest(cast(:#${exchangeProperty.orderRows[marketplace_order_id]} as text[]),
                  cast(:#${exchangeProperty.orderRows[source_updated_at]} as timestamptz[]))
           with ordinality as c(marketplace_order_id, source_updated_at, batch_position)
     order by c.marketplace_order_id, c.source_updated_at desc
),
input as (
    select o.*
      from unnest(cast(:#${exchangeProperty.orderRows[marketplace]} as text[]),
                      cast(:#${exchangeProperty.orderRows[marketplace_code]} as text[]),
                      cast(:#${exchangeProperty.orderRows[marketplace_order_id]} as text[]),
                      cast(:#${exchangeProperty.orderRows[status]} as text[]),
                      cast(:#${exchangeProperty.orderRows[marketplace_status]} as text[]),
                      cast(:#${exchangeProperty.orderRows[fulfilled_by]} as text[]),
                      cast(:#${exchangeProperty.orderRows[purchased_at]} as timestamptz[]),
                      cast(:#${exchangeProperty.orderRows[source_updated_at]} as timestamptz[]),
                      cast(:#${exchangeProperty.orderRows[currency]} as text[]),
                      cast(:#${exchangeProperty.orderRows[total_amount]} as numeric[]),
                      cast(:#${exchangeProperty.orderRows[buyer_name]} as text[]),
                      cast(:#${exchangeProperty.orderRows[ship_to_name]} as text[]),
                      cast(:#${exchangeProperty.orderRows[ship_to_line1]} as text[]),
                      cast(:#${exchangeProperty.orderRows[ship_to_line2]} as text[]),
                      cast(:#${exchangeProperty.orderRows[ship_to_city]} as text[]),
                      cast(:#${exchangeProperty.orderRows[ship_to_state]} as text[]),
                      cast(:#${exchangeProperty.orderRows[ship_to_postal_code]} as text[]),
                      cast(:#${exchangeProperty.orderRows[ship_to_country_code]} as text[]),
                      cast(:#${exchangeProperty.orderRows[ship_by]} as timestamptz[]),
                      cast(:#${exchangeProperty.orderRows[deliver_by]} as timestamptz[]),
                      cast(:#${exchangeProperty.orderRows[raw]} as jsonb[]))
           with ordinality as o(marketplace, marketplace_code, marketplace_order_id, status, marketplace_status,
               fulfilled_by, purchased_at, source_updated_at, currency, total_amount, buyer_name, ship_to_name,
               ship_to_line1, ship_to_line2, ship_to_city, ship_to_state, ship_to_postal_code, ship_to_country_code,
               ship_by, deliver_by, raw, batch_position)
      join chosen using (batch_position)
),
upserted as (
    insert into orders as t (account_id, marketplace, marketplace_code, marketplace_order_id, status, marketplace_status,
                             fulfilled_by, purchased_at, source_updated_at, currency, total_amount, buyer_name,
                             ship_to_name, ship_to_line1, ship_to_line2, ship_to_city, ship_to_state,
                             ship_to_postal_code, ship_to_country_code, ship_by, deliver_by, raw)
    select cast(:#${exchangeProperty.accountId} as bigint), marketplace, marketplace_code, marketplace_order_id, status,
           marketplace_status, fulfilled_by, purchased_at, source_updated_at, currency, total_amount, buyer_name,
           ship_to_name, ship_to_line1, ship_to_line2, ship_to_city, ship_to_state, ship_to_postal_code,
           ship_to_country_code, ship_by, deliver_by, raw
      from input
    on conflict (account_id, marketplace_order_id) do update
       set marketplace_code = excluded.marketplace_code, status = excluded.status,
           marketplace_status = excluded.marketplace_status, fulfilled_by = excluded.fulfilled_by,
           purchased_at = excluded.purchased_at, source_updated_at = excluded.source_updated_at,
           currency = coalesce(excluded.currency, t.currency), total_amount = coalesce(excluded.total_amount, t.total_amount),
           buyer_name = coalesce(excluded.buyer_name, t.buyer_name), ship_to_name = coalesce(excluded.ship_to_name, t.ship_to_name),
           ship_to_line1 = coalesce(excluded.ship_to_line1, t.ship_to_line1), ship_to_line2 = coalesce(excluded.ship_to_line2, t.ship_to_line2),
           ship_to_city = coalesce(excluded.ship_to_city, t.ship_to_city), ship_to_state = coalesce(excluded.ship_to_state, t.ship_to_state),
           ship_to_postal_code = coalesce(excluded.ship_to_postal_code, t.ship_to_postal_code),
           ship_to_country_code = coalesce(excluded.ship_to_country_code, t.ship_to_country_code),
           ship_by = coalesce(excluded.ship_by, t.ship_by), deliver_by = coalesce(excluded.deliver_by, t.deliver_by),
           raw = excluded.raw, updated_at = now()
     -- Same last-updated time but different content: a Flipkart order whose newly seen shipment is older than
     -- the newest one already stored (the order's time is the newest shipment's). Equal copies stay untouched.
     where t.source_updated_at < excluded.source_updated_at
        or (t.source_updated_at = excluded.source_updated_at and t.raw is distinct from excluded.raw)
    returning t.id, t.marketplace_order_id, (t.xmax = 0) as inserted, t.raw, t.source_updated_at
),
events as (
    insert into order_events (order_id, inserted, source_updated_at)
    select id, inserted, source_updated_at from upserted
),
stored_items as (
    insert into order_item as i (order_id, marketplace_item_id, sku, product_id, title, quantity, quantity_shipped,
                                 unit_price, currency, status, raw, shipment_id, location_id, shipment_type,
                                 dispatch_by, dispatch_after, on_hold)
    select u.id, it.marketplace_item_id, it.sku, it.product_id, it.title, it.quantity, coalesce(it.quantity_shipped, 0),
           it.unit_price, it.currency, it.status,
           coalesce(it.raw, u.raw -> it.raw_field -> it.raw_index), it.shipment_id, it.location_id, it.shipment_type,
           it.dispatch_by, it.dispatch_after, it.on_hold
      from upserted u
      join chosen o on o.marketplace_order_id = u.marketplace_order_id
      join unnest(cast(:#${exchangeProperty.orderRows[item_order]} as int[]),
                      cast(:#${exchangeProperty.orderRows[item_marketplace_item_id]} as text[]),
                      cast(:#${exchangeProperty.orderRows[item_sku]} as text[]),
                      cast(:#${exchangeProperty.orderRows[item_product_id]} as text[]),
                      cast(:#${exchangeProperty.orderRows[item_title]} as text[]),
                      cast(:#${exchangeProperty.orderRows[item_quantity]} as int[]),
                      cast(:#${exchangeProperty.orderRows[item_quantity_shipped]} as int[]),
                      cast(:#${exchangeProperty.orderRows[item_unit_price]} as numeric[]),
                      cast(:#${exchangeProperty.orderRows[item_currency]} as text[]),
                      cast(:#${exchangeProperty.orderRows[item_status]} as text[]),
                      cast(:#${exchangeProperty.orderRows[item_raw]} as jsonb[]),
                      cast(:#${exchangeProperty.orderRows[item_raw_field]} as text[]),
                      cast(:#${exchangeProperty.orderRows[item_raw_index]} as int[]),
                      cast(:#${exchangeProperty.orderRows[item_shipment_id]} as text[]),
                      cast(:#${exchangeProperty.orderRows[item_location_id]} as text[]),
                      cast(:#${exchangeProperty.orderRows[item_shipment_type]} as text[]),
                      cast(:#${exchangeProperty.orderRows[item_dispatch_by]} as timestamptz[]),
                      cast(:#${exchangeProperty.orderRows[item_dispatch_after]} as timestamptz[]),
                      cast(:#${exchangeProperty.orderRows[item_on_hold]} as boolean[]))
           as it(order_position, marketplace_item_id, sku, product_id, title, quantity, quantity_shipped, unit_price,
                 currency, status, raw, raw_field, raw_index, shipment_id, location_id, shipment_type, dispatch_by, dispatch_after,
                 on_hold)
        on it.order_position = o.batch_position
    on conflict (order_id, marketplace_item_id) do update
       set sku = excluded.sku, product_id = excluded.product_id, title = excluded.title, quantity = excluded.quantity,
           quantity_shipped = excluded.quantity_shipped, unit_price = coalesce(excluded.unit_price, i.unit_price),
           currency = coalesce(excluded.currency, i.currency), status = excluded.status, raw = excluded.raw,
           shipment_id = coalesce(excluded.shipment_id, i.shipment_id), location_id = coalesce(excluded.location_id, i.location_id),
           shipment_type = coalesce(excluded.shipment_type, i.shipment_type), dispatch_by = coalesce(excluded.dispatch_by, i.dispatch_by),
           dispatch_after = coalesce(excluded.dispatch_after, i.dispatch_after), on_hold = coalesce(excluded.on_hold, i.on_hold)
    returning 1
)
select count(*) filter (where inserted) as inserted,
       count(*) filter (where not inserted) as updated,
       (select count(*) from stored_items) as items
  from upserted
