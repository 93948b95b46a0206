package io.engram.server.http;

/** The server's version, as reported by {@code /v1/health} and {@code engram --version}. */
public final class Version {
    public static final String VERSION = "0.1.0-SNAPSHOT";

    private Version() {}
}
