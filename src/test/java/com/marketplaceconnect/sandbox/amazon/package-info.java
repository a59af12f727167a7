/**
 * The local Amazon simulator: LWA ({@code POST /auth/o2/token}), the Seller Central consent page, Orders API
 * v2026-01-01 searchOrders/getOrder and Orders v0 confirmShipment.
 *
 * <p>Behaviour worth knowing when testing against it:
 * <ul>
 *   <li>searchOrders never returns data newer than now − 2 minutes: without a {@code *Before} parameter the upper
 *       bound is now − 2 min, echoed as {@code createdBefore}/{@code lastUpdatedBefore} in the response. Advance a
 *       {@code MutableClock} past that after changing orders.</li>
 *   <li>Paging is stable: the first page snapshots the ordered ids that matched; tokens point into that snapshot
 *       (current order JSON is rendered). Snapshots live 24 h after last use, at most 64 at a time.</li>
 *   <li>Tokens are standard base64 and always contain '+', '/' and '='; they must be URL-encoded exactly once.</li>
 *   <li>Rate limits are per operation and selling partner, on the sandbox clock times {@code timeFactor}.
 *       {@code x-amzn-RateLimit-Limit} shows the nominal Amazon rate, not the sped-up one.</li>
 *   <li>{@code proceeds} and {@code fulfillment} are always rendered (proceeds absent while PENDING);
 *       {@code buyer}, {@code recipient} and {@code packages} only with the matching includedData.</li>
 * </ul>
 */
package com.marketplaceconnect.sandbox.amazon;
