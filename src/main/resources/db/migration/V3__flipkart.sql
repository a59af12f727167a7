-- Flipkart: an order spans one or more shipments, and the tracking push works per shipment. Each item row keeps
-- the shipment it belongs to and what the push needs: where it ships from, whether it is self-ship, and the
-- dispatch window. Null for marketplaces without shipments (Amazon).
alter table order_item
    add column shipment_id     text,          -- Flipkart shipmentId
    add column location_id     text,          -- the seller's Flipkart warehouse (locationId)
    add column shipment_type   text,          -- SELF (seller's own courier) | NORMAL | EXPRESS
    add column dispatch_by     timestamptz,   -- dispatchByDate: ship no later than this
    add column dispatch_after  timestamptz,   -- dispatchAfterDate: do not ship before this
    add column on_hold         boolean;       -- Flipkart holds the shipment: do not ship

create index order_item_shipment on order_item (shipment_id) where shipment_id is not null;
