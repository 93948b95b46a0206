package io.engram.hdc.detect;

import io.engram.hdc.encode.Walkable;

/**
 * A simulated network packet of the reference demo (hdc-holon §12.1). Absent fields are null and
 * are left out of both the JSON text and the walk, so the two encodings are identical.
 */
public record Packet(String protocol, Integer srcPort, Integer dstPort, String flags, Integer icmpType, int payloadSize)
        implements Walkable {

    @Override
    public void walk(FieldVisitor v) {
        v.field("protocol", protocol);
        if (srcPort != null) {
            v.field("src_port", srcPort);
        }
        if (dstPort != null) {
            v.field("dst_port", dstPort);
        }
        if (flags != null) {
            v.field("flags", flags);
        }
        if (icmpType != null) {
            v.field("icmp_type", icmpType);
        }
        v.field("payload_size", payloadSize);
    }

    /** The text of field {@code name} (protocol, src_port, dst_port, flags, icmp_type, payload_size), or null when absent. */
    public String field(String name) {
        Object v = switch (name) {
            case "protocol" -> protocol;
            case "src_port" -> srcPort;
            case "dst_port" -> dstPort;
            case "flags" -> flags;
            case "icmp_type" -> icmpType;
            case "payload_size" -> payloadSize;
            default -> null;
        };
        return v == null ? null : v.toString();
    }

    /** The packet as the reference's JSON text (field order as the reference writes it). */
    public String toJson() {
        StringBuilder sb = new StringBuilder("{\"protocol\":\"").append(protocol).append('"');
        if (srcPort != null) {
            sb.append(",\"src_port\":").append(srcPort);
        }
        if (dstPort != null) {
            sb.append(",\"dst_port\":").append(dstPort);
        }
        if (flags != null) {
            sb.append(",\"flags\":\"").append(flags).append('"');
        }
        if (icmpType != null) {
            sb.append(",\"icmp_type\":").append(icmpType);
        }
        return sb.append(",\"payload_size\":").append(payloadSize).append('}').toString();
    }
}
