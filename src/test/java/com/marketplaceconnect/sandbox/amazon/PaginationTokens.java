package com.marketplaceconnect.sandbox.amazon;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * searchOrders pagination tokens: standard (not URL-safe) base64 of the page position, the parameter fingerprint
 * and the issue time, signed with a per-sandbox HMAC key. The layout always yields '+', '/' and '=' in the token,
 * so a client that does not URL-encode it exactly once breaks here the way it would against Amazon.
 */
final class PaginationTokens {

    record Position(String snapshotId, int offset, String fingerprint, Instant issuedAt) {
    }

    private static final int SIG_LENGTH = 30;
    /** 0xFB 0xFF 0xFF encodes as "+///" when 3-byte aligned; the final single byte as "Pg==". */
    private static final byte[] TAIL = {(byte) 0xFB, (byte) 0xFF, (byte) 0xFF, (byte) 0x3E};

    private final byte[] key = new byte[32];

    PaginationTokens() {
        new SecureRandom().nextBytes(key);
    }

    String encode(Position p) {
        String content = "v1|" + p.snapshotId() + "|" + p.offset() + "|" + p.fingerprint() + "|" + p.issuedAt().toEpochMilli();
        byte[] raw = content.getBytes(StandardCharsets.UTF_8);
        byte[] body = Arrays.copyOf(raw, (raw.length + 2) / 3 * 3);
        Arrays.fill(body, raw.length, body.length, (byte) ' ');
        byte[] sig = Arrays.copyOf(hmac(body), SIG_LENGTH);
        byte[] all = new byte[body.length + SIG_LENGTH + TAIL.length];
        System.arraycopy(body, 0, all, 0, body.length);
        System.arraycopy(sig, 0, all, body.length, SIG_LENGTH);
        System.arraycopy(TAIL, 0, all, body.length + SIG_LENGTH, TAIL.length);
        return Base64.getEncoder().encodeToString(all);
    }

    /** The position, or a 400 "could not decode" for anything not issued by this sandbox unaltered. */
    Position decode(String token) {
        try {
            byte[] all = Base64.getDecoder().decode(token);
            int bodyLength = all.length - SIG_LENGTH - TAIL.length;
            if (bodyLength <= 0 || bodyLength % 3 != 0) throw undecodable();
            if (!Arrays.equals(all, all.length - TAIL.length, all.length, TAIL, 0, TAIL.length)) throw undecodable();
            byte[] body = Arrays.copyOf(all, bodyLength);
            byte[] sig = Arrays.copyOfRange(all, bodyLength, bodyLength + SIG_LENGTH);
            if (!MessageDigest.isEqual(sig, Arrays.copyOf(hmac(body), SIG_LENGTH))) throw undecodable();
            String[] parts = new String(body, StandardCharsets.UTF_8).trim().split("\\|");
            if (parts.length != 5 || !parts[0].equals("v1")) throw undecodable();
            return new Position(parts[1], Integer.parseInt(parts[2]), parts[3], Instant.ofEpochMilli(Long.parseLong(parts[4])));
        } catch (IllegalArgumentException e) { // bad base64 or numbers
            throw undecodable();
        }
    }

    static SpApiError undecodable() {
        return SpApiError.invalidInput("We could not decode your NextToken. Possible reasons include: a transmission error, "
                + "improper quoting or a truncation problem.", "");
    }

    private byte[] hmac(byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
