package io.engram.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the curl commands of the root README's "Quickstart (server)" block, as written, against an
 * in-process server with the built-in MiniLM embedder, as {@code engram serve} runs: the quickstart
 * cannot rot without this failing.
 */
class ReadmeQuickstartTest {
    @TempDir
    Path dir;

    /** One curl command: method, path after host:port, body (or null). */
    record Curl(String method, String path, String body) {}

    @Test
    void everyQuickstartCurlCommandSucceeds() throws Exception {
        List<Curl> commands = quickstartCommands(Files.readString(Path.of("..", "README.md")));
        assertThat(commands).as("curl commands in the quickstart").hasSizeGreaterThanOrEqualTo(5);
        try (TestServer server = TestServer.startAsServed(dir.resolve("data"))) {
            TestServer.Response last = null;
            for (Curl c : commands) {
                last = server.send(c.method(), c.path(), c.body());
                assertThat(last.status()).as("%s %s -> %s", c.method(), c.path(), last.body()).isBetween(200, 299);
            }
            assertThat(commands.getLast().path()).endsWith("/context");
            assertThat(last.json().path("text").asString()).contains("[1]").contains("Ada Lovelace");
        }
    }

    static List<Curl> quickstartCommands(String readme) {
        int section = readme.indexOf("## Quickstart (server)");
        assertThat(section).as("README has a Quickstart (server) section").isNotNegative();
        int start = readme.indexOf("```bash\n", section) + "```bash\n".length();
        String block = readme.substring(start, readme.indexOf("```", start));
        List<Curl> out = new ArrayList<>();
        for (List<String> words : shellCommands(block)) {
            if (words.isEmpty() || !words.getFirst().equals("curl")) {
                continue;
            }
            String method = null;
            String body = null;
            String url = null;
            for (int i = 1; i < words.size(); i++) {
                String w = words.get(i);
                switch (w) {
                    case "-d", "--data" -> body = words.get(++i);
                    case "-X" -> method = words.get(++i);
                    case "-s", "-S", "-f" -> { }
                    default -> url = w;
                }
            }
            String path = url.substring(url.indexOf('/', url.indexOf("8420")));
            out.add(new Curl(method != null ? method : body != null ? "POST" : "GET", path, body));
        }
        return out;
    }

    /** Splits shell text into commands of words: single quotes, backslash-newline, comments, {@code & | ;}. */
    static List<List<String>> shellCommands(String text) {
        List<List<String>> commands = new ArrayList<>();
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '\'') {
                int end = text.indexOf('\'', i + 1);
                word = word == null ? new StringBuilder() : word;
                word.append(text, i + 1, end);
                i = end;
            } else if (ch == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                i++;
            } else if (ch == '#' && word == null) {
                i = text.indexOf('\n', i) - 1;
                if (i < 0) {
                    break;
                }
            } else if (ch == '\n' || ch == '&' || ch == '|' || ch == ';') {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                commands.add(words);
                words = new ArrayList<>();
            } else if (Character.isWhitespace(ch)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(ch);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        commands.add(words);
        return commands;
    }
}
