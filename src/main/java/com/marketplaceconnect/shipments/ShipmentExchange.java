package com.marketplaceconnect.shipments;

/** Exchange properties of the shipment routes; properties, not headers, so none of them reaches a marketplace. */
public final class ShipmentExchange {
    /** KAFKA, FOLDER or API: which door the event came through. */
    public static final String SOURCE = "shipmentSource";
    /** The event exactly as it arrived (text). */
    public static final String RAW_EVENT = "rawShipmentEvent";
    /** Set by the parser: the event as a JSON tree, checked against the schema. */
    public static final String PARSED_EVENT = "shipmentEvent";
    public static final String EVENT_ID = "eventId";
    public static final String ACCOUNT_ID = "accountId";
    public static final String MARKETPLACE = "shipmentMarketplace";
    public static final String MARKETPLACE_ORDER_ID = "marketplaceOrderId";
    /** Why the event was rejected (the dead letter's reason). */
    public static final String REJECT_REASON = "shipmentRejectReason";
    /** The outbox row id of the stored event. */
    public static final String SHIPMENT_ID = "shipmentId";
    /** Set by the idempotent consumer (skipDuplicate=false) when the eventId was accepted before (or by the store). */
    public static final String DUPLICATE = "CamelDuplicateMessage";
    /** Set by the resolver: the event that passed its checks ({@link AcceptedShipment}). */
    public static final String ACCEPTED = "shipmentAccepted";
    /** After a Kafka batch's split: the batch's events to store, in order ({@link AcceptedShipments}). */
    public static final String ACCEPTED_BATCH = "shipmentsAccepted";
    /** A Kafka batch's accounts, orders and items, read once for all its events ({@link ShipmentLookups}). */
    public static final String LOOKUPS = "shipmentLookups";
    /** After the split of a push claim: each outcome's eventIds ({@link PushOutcomes}). */
    public static final String PUSH_OUTCOMES = "pushOutcomes";
    /** The claimed outbox row a push works on ({@link ShipmentPush}). */
    public static final String PUSH = "shipmentPush";
    /** The row's state after a push attempt. */
    public static final String STATE = "shipmentState";

    private ShipmentExchange() {
    }
}
