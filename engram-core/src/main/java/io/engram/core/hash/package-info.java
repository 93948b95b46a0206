/**
 * Hashes whose exact outputs are part of Engram's compatibility contract with the Rust references:
 * SHA-256 atom seeds (Holon), FNV-1a stripe assignment (Holon) and SHAKE-256 bundle witnesses
 * (ruLake). Only JDK primitives are used; SHAKE-256 is a small sponge because the JDK offers it
 * only as a fixed 64-byte digest.
 */
package io.engram.core.hash;
