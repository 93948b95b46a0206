package io.engram.hdc.detect;

/** The reference demo's attack traffic (hdc-holon §12.1). The detector never sees these names. */
public enum AttackType {
    DNS_REFLECTION, SYN_FLOOD, NTP_AMPLIFICATION, UDP_FLOOD
}
