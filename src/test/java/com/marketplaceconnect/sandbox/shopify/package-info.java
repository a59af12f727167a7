/**
 * The local Shopify simulator: OAuth (authorization code grant with expiring offline tokens, refresh, token
 * exchange), the GraphQL Admin API parsed and validated by graphql-java against a faithful schema subset
 * ({@code src/test/resources/sandbox/shopify/admin-schema.graphqls}), the cost-based throttle, fulfillment orders and
 * signed webhook delivery with Shopify's retries and injectable faults.
 *
 * <h2>Endpoints</h2>
 * Each shop is served under {@code <sandbox base URL>/shopify/{shop}} (what stands for {@code https://{shop}}):
 * <ul>
 *   <li>{@code GET /admin/oauth/authorize?client_id&scope&redirect_uri&state&grant_options[]}: the consent page ("Install
 *       app") with a form posting back to the same path; the POST answers 302 to {@code redirect_uri} with
 *       {@code code, hmac, host, shop, state, timestamp}, hmac = hex HMAC-SHA256 of the other parameters sorted and
 *       URL-encoded ({@code k=v&...}, spaces as %20) with the client secret. Codes are one-use, 10 minutes.</li>
 *   <li>{@code POST /admin/oauth/access_token} (JSON or form): {@code client_id, client_secret, code[, expiring=1]};
 *       {@code grant_type=refresh_token, refresh_token}; {@code grant_type=urn:ietf:params:oauth:grant-type:token-exchange,
 *       subject_token, subject_token_type=requested_token_type=urn:shopify:params:oauth:token-type:offline-access-token,
 *       expiring=1} (the non-expiring token is revoked; retrying with it within 7 days answers the same pair until the
 *       pair is refreshed or a new code grant replaces it, as Shopify's "more resilient token exchanges"). Expiring answers carry {@code expires_in} (3600),
 *       {@code refresh_token}, {@code refresh_token_expires_in}. Refresh tokens rotate; the one used stays valid until
 *       its replacement is used. Errors: 400 {@code {error, error_description}} with invalid_client, invalid_request
 *       (bad or used code), invalid_grant (refresh token unknown, revoked, expired), invalid_subject_token,
 *       unsupported_grant_type.</li>
 *   <li>{@code POST /admin/api/{version}/graphql.json} with {@code X-Shopify-Access-Token}: 401 for a missing, unknown,
 *       expired or revoked token; 404 for a version not in {@link com.marketplaceconnect.sandbox.shopify.ShopifySettings#apiVersions()}
 *       (2025-07 ... 2026-10); 400 for a body without a query. Otherwise 200: syntax and validation errors as
 *       {@code errors} (an unknown field: "Field 'x' doesn't exist on type 'Y'", code undefinedField), access denied
 *       per scope (read_orders; read_merchant_managed_fulfillment_orders; write_merchant_managed_fulfillment_orders),
 *       {@code userErrors} in mutation payloads, and {@code extensions.cost} on every answer.</li>
 * </ul>
 *
 * <h2>Schema served</h2>
 * {@code shop}, {@code order(id)}, {@code orders(first, after, last, before, reverse, sortKey, query)} (search:
 * updated_at/created_at/processed_at with {@code :>= :> :<= :<}, status, financial_status, fulfillment_status, name,
 * id, email; orders older than 60 days only with read_all_orders), {@code fulfillmentOrder(id)},
 * {@code fulfillment(id)}, {@code webhookSubscription(s)}; Order with money as MoneyBag, MailingAddress, Customer,
 * {@code lineItems}, {@code fulfillmentOrders(includeClosed: false)} (CLOSED ones only with includeClosed: true, as on
 * Shopify), {@code fulfillments}; mutations {@code fulfillmentCreate(fulfillment: FulfillmentInput!, message)} and
 * {@code fulfillmentTrackingInfoUpdate(fulfillmentId, trackingInfoInput, notifyCustomer)} (the current names; the V2
 * names are deprecated since 2024-10 and not served), {@code webhookSubscriptionCreate/Update/Delete},
 * {@code bulkOperationRunQuery(query)} with {@code currentBulkOperation} / {@code bulkOperation(id)} (the inner query
 * runs without page arguments; its JSONL file, nested connection nodes on their own lines with {@code __parentId}, is
 * served without a token at {@code /shopify/{shop}/bulk-operations/{id}.jsonl}). Connections
 * need {@code first} or {@code last} (at most 250); cursors are keyset cursors.
 *
 * <h2>Cost and throttle</h2>
 * Requested cost per Shopify's calculation: object 1 (MoneyBag and MoneyV2 included), scalar/enum 0, connection 2 +
 * page size × one node's cost, a list with {@code first} that many elements, mutation 10
 * ({@link com.marketplaceconnect.sandbox.shopify.QueryCost}); over 1000 → MAX_COST_EXCEEDED. Nested pages multiply:
 * {@code orders(first: 50)} with {@code lineItems(first: 10)} and a few money fields per node costs over 2000, so
 * size pages as against Shopify. Each shop
 * has a leaky bucket (1000 points, 50 restored a second: {@code ShopifySettings.withThrottle}); a query asking more
 * than is available gets {@code errors:[{message:"Throttled", extensions:{code:"THROTTLED"}}]} (HTTP 200) and takes
 * nothing; the actual cost (nodes not returned given back) is refunded. With rate limits off
 * ({@code SandboxSettings.withRateLimitsEnabled(false)}) nothing is throttled.
 *
 * <h2>Java API</h2>
 * <ul>
 *   <li>{@code MarketplaceSandbox#shopify()} → {@link com.marketplaceconnect.sandbox.shopify.ShopifySandbox}:
 *       {@code shop(domain)} (created on first use), {@code shops()}, {@code shopBaseUrl(domain)},
 *       {@code authorizeUrl(shop, scopes, redirectUri, state)}, {@code settings()}, {@code configure(s -> ...)},
 *       {@code seedDemo()} (shop marketplace-connect-demo.myshopify.com, 80 orders, 30 days, seed 20261206),
 *       {@code declareWebhook(topic, url)} (app-level, like shopify.app.toml), {@code complianceWebhookUrl(url)},
 *       {@code webhookDeliveries()}, {@code retryWebhooksNow()}, {@code pendingWebhookRetries()},
 *       {@code issuedSecrets()}. {@code MarketplaceSandbox.start(settings, ShopifySettings)} sets the app credentials
 *       (default {@code shopify-sandbox-client} / {@code shopify-sandbox-secret}), throttle and webhook retries.</li>
 *   <li>{@link com.marketplaceconnect.sandbox.shopify.ShopifyShop}: {@code createOrder(OrderDraft)},
 *       {@code createOrder()}, {@code seedOrders(n, from, to, seed)}, {@code updateOrder(id, draft -> ...)},
 *       {@code touchOrder(id)}, {@code cancelOrder(id, reason)}, {@code order(id)}, {@code orders()},
 *       {@code fulfillmentOrders(orderId)}, {@code fulfillments(orderId)} (with tracking and its history),
 *       {@code closeFulfillmentOrder(id)}, {@code revokeRefreshTokens()}, {@code expireAccessTokens()},
 *       {@code issueNonExpiringToken([scopes])}, {@code uninstall()} (app/uninstalled, tokens revoked),
 *       {@code requestCustomerData(orderId)}, {@code redactCustomer(orderId)}, {@code redactShop()} (the compliance
 *       webhooks), {@code webhooks()}, {@code throttle()}.</li>
 *   <li>{@link com.marketplaceconnect.sandbox.shopify.ShopWebhooks}: {@code subscribe(topic, url)},
 *       {@code subscriptions()}, {@code delete(id)}, {@code deliveries([topic])}, {@code lost()}, faults
 *       {@code loseNext(n)}, {@code duplicateNext(n)}, {@code holdNext()} (out of order), {@code badHmacNext(n)},
 *       {@code releaseHeld()}.</li>
 *   <li>{@link com.marketplaceconnect.sandbox.shopify.ShopThrottle}: {@code throttledCount()}, {@code queryCount()},
 *       {@code currentlyAvailable()}, {@code setCurrentlyAvailable(points)}, {@code reset()}.</li>
 * </ul>
 *
 * <h2>Webhooks</h2>
 * Whenever an order is created, updated, cancelled or fulfilled through the Java API (or a fulfillment is created by
 * the API), the shop POSTs the REST-shaped order ({@link com.marketplaceconnect.sandbox.shopify.WebhookPayloads}, like
 * fixtures/shopify/orders-create-webhook.json) to every subscription of the topic (orders/create, orders/updated,
 * orders/cancelled, orders/fulfilled, orders/partially_fulfilled) with X-Shopify-Topic, X-Shopify-Hmac-Sha256 (base64
 * HMAC-SHA256 of the raw body with the client secret), X-Shopify-Shop-Domain, X-Shopify-API-Version,
 * X-Shopify-Webhook-Id, X-Shopify-Event-Id and X-Shopify-Triggered-At. A 2xx within 5 s is a success; anything else
 * is retried after 1, 2, 4, 8, 16, 32, 64 and 113 minutes (8 retries over 4 hours, on the sandbox clock or the wall
 * clock, whichever moved further, times the time factor; shorten with
 * {@code ShopifySettings.withWebhookRetrySchedule} or call {@code retryWebhooksNow()}); after the last failure a
 * subscription made through the API is deleted. One shop's deliveries go one at a time, in order.
 *
 * <h2>Differences from Shopify, on purpose</h2>
 * Callback URLs may be http (the sandbox has no TLS); XML subscriptions are accepted but delivered as JSON; a
 * subscription's payload version is the version of the call that created it (Shopify inherits the app's configured
 * version); every order has exactly one fulfillment order at the one location "Shop location" (CLOSED once fulfilled
 * or when the order is cancelled); the consent page accepts any http(s) redirect_uri (Shopify checks it against the
 * app's allowed list); one shop's webhooks are delivered one at a time, in order (Shopify promises no order: use
 * {@code holdNext()} for reordering); shops are created on first use, by Java or by any request naming a valid
 * {@code *.myshopify.com} domain; a bulk operation completes at once.
 */
package com.marketplaceconnect.sandbox.shopify;
