package dev.petri.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A scripted stand-in for the provisioner-service API on a free loopback port, recording every request. */
public final class FakeApi implements AutoCloseable {

    /** A canned answer. */
    public record Reply(int status, String body, Map<String, String> headers) {

        /** A JSON answer. */
        public static Reply json(int status, String body) {
            return new Reply(status, body, Map.of("Content-Type", "application/json"));
        }

        /** A problem+json answer. */
        public static Reply problem(int status, String title, String detail) {
            return new Reply(status, "{\"type\":\"https://petri.dev/problems/x\",\"title\":\"" + title
                    + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}",
                    Map.of("Content-Type", "application/problem+json"));
        }

        /** The same answer with one more header. */
        public Reply header(String name, String value) {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.put(name, value);
            return new Reply(status, body, all);
        }
    }

    /** A request as the fake received it. */
    public record Request(String method, String path, String query, String authorization, String body) {
    }

    private final HttpServer server;
    private final Map<String, Deque<Reply>> replies = new ConcurrentHashMap<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

    public FakeApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The base URL to point the CLI at. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Scripts the answers to a method and path, in order; the last one repeats. */
    public FakeApi on(String method, String path, Reply... answers) {
        replies.put(method + " " + path, new ArrayDeque<>(List.of(answers)));
        return this;
    }

    /** Every request received so far. */
    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** The requests to one method and path. */
    public List<Request> requests(String method, String path) {
        return requests().stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        requests.add(new Request(method, path, exchange.getRequestURI().getQuery(),
                exchange.getRequestHeaders().getFirst("Authorization"), body));
        Deque<Reply> queue = replies.get(method + " " + path);
        Reply reply;
        if (queue == null) {
            reply = Reply.problem(404, "Not Found", "no fake answer for " + method + " " + path);
        } else {
            synchronized (queue) {
                reply = queue.size() > 1 ? queue.poll() : queue.peek();
            }
        }
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] bytes = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
        boolean empty = bytes.length == 0;
        exchange.sendResponseHeaders(reply.status(), empty ? -1 : bytes.length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
