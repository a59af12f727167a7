-- The push pollers' claim (ShipmentOutbox.claimDue): due rows of one marketplace in next_attempt_at, id order, LIMIT
-- batch-size. With only the index on next_attempt_at the planner scanned and sorted every open row of every
-- marketplace for each claim, so a backlog of 10,000 events made each claim slower (BENCHMARKS.md, B4). This index
-- gives the rows in the claim's order, one marketplace at a time, and the scan stops at the batch size.
create index shipment_event_due_by_marketplace on shipment_event (marketplace, next_attempt_at, id)
    where state in ('PENDING', 'IN_FLIGHT');

-- The claim's "no older open event of the same order" check, answered from the open rows of that order only.
create index shipment_event_open_per_order on shipment_event (order_id, id) where state in ('PENDING', 'IN_FLIGHT');

-- The claim's "is this an edit of a package already pushed" check, from the pushed rows of that order only (the
-- index on (state, id) made it walk every pushed row of the table for each claimed row).
create index shipment_event_pushed_per_order on shipment_event (order_id, id) where state = 'PUSHED';
