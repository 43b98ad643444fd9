package dev.petri.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petri.cli.CliException;
import dev.petri.cli.ExitCodes;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** The public API of the provisioner-service, seen from the CLI: requests, and error answers turned into exit codes. */
public final class ApiClient {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final String baseUrl;
    private final String token;

    public ApiClient(HttpClient http, String baseUrl, String token) {
        this.http = http;
        this.baseUrl = stripTrailingSlash(baseUrl);
        this.token = token;
    }

    /** The base URL requests go to. */
    public String baseUrl() {
        return baseUrl;
    }

    /** A GET; error answers throw {@link ApiException}. */
    public ApiResponse get(String path) {
        return send("GET", path, null, DEFAULT_TIMEOUT);
    }

    /** A POST with a JSON body; error answers throw {@link ApiException}. */
    public ApiResponse post(String path, JsonNode body) {
        return send("POST", path, body, DEFAULT_TIMEOUT);
    }

    /** A PUT with a JSON body; error answers throw {@link ApiException}. */
    public ApiResponse put(String path, JsonNode body) {
        return send("PUT", path, body, DEFAULT_TIMEOUT);
    }

    /** A DELETE; error answers throw {@link ApiException}. */
    public ApiResponse delete(String path) {
        return send("DELETE", path, null, DEFAULT_TIMEOUT);
    }

    /** Sends a request and waits for the answer. */
    public ApiResponse send(String method, String path, JsonNode body, Duration timeout) {
        return await(method, path, sendAsync(method, path, body, timeout));
    }

    /** Sends a request without waiting, so that the caller can show progress meanwhile; finish it with {@link #await}. */
    public CompletableFuture<HttpResponse<String>> sendAsync(String method, String path, JsonNode body, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .timeout(timeout)
                .header("Accept", "application/json, application/problem+json");
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Waits for a request sent with {@link #sendAsync} and maps its answer. */
    public ApiResponse await(String method, String path, CompletableFuture<HttpResponse<String>> pending) {
        HttpResponse<String> response;
        try {
            response = pending.join();
        } catch (CompletionException e) {
            throw unreachable(e.getCause() == null ? e : e.getCause());
        }
        return toResponse(method, path, response);
    }

    /** A path segment, percent-encoded. */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private ApiResponse toResponse(String method, String path, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status < 400) {
            return new ApiResponse(status, response.body(), response.headers().firstValue("Location"));
        }
        Duration retryAfter = response.headers().firstValue("Retry-After").flatMap(ApiClient::seconds).orElse(null);
        throw new ApiException(status, problemMessage(method, path, status, response.body(), retryAfter), retryAfter);
    }

    private String problemMessage(String method, String path, int status, String body, Duration retryAfter) {
        StringBuilder message = new StringBuilder();
        Optional<JsonNode> problem = Json.parse(body).filter(JsonNode::isObject);
        String title = problem.map(p -> Json.text(p, "title")).orElse(null);
        String detail = problem.map(p -> Json.text(p, "detail")).orElse(null);
        if (detail != null && detail.equals(problem.map(ApiClient::joinedErrors).orElse(null))) {
            detail = null; // a detail that only repeats the errors, which follow one per line
        }
        if (title != null) {
            message.append(title);
            if (detail != null && !detail.isBlank()) {
                message.append(": ").append(detail);
            }
        } else if (detail != null) {
            message.append(detail);
        } else {
            message.append(defaultTitle(status)).append(" (HTTP ").append(status).append(" from ")
                    .append(method).append(' ').append(path).append(')');
        }
        problem.map(p -> p.get("errors")).filter(JsonNode::isObject).ifPresent(errors -> {
            Iterator<Map.Entry<String, JsonNode>> fields = errors.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                message.append(System.lineSeparator()).append("  ").append(field.getKey()).append(": ")
                        .append(field.getValue().isTextual() ? field.getValue().asText() : field.getValue().toString());
            }
        });
        if (status == 401) {
            message.append(System.lineSeparator()).append("  run 'petri login' with a valid token for ").append(baseUrl);
        }
        if (retryAfter != null) {
            message.append(System.lineSeparator()).append("  try again in ").append(retryAfter.toSeconds()).append(" s");
        }
        return message.toString();
    }

    /** A problem's field errors as its detail joins them ({@code field: message; …}), or null without any. */
    private static String joinedErrors(JsonNode problem) {
        JsonNode errors = problem.get("errors");
        if (errors == null || !errors.isObject() || errors.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        errors.fields().forEachRemaining(e -> parts.add(e.getKey() + ": "
                + (e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString())));
        return String.join("; ", parts);
    }

    private static String defaultTitle(int status) {
        return switch (status) {
            case 401 -> "Not authenticated";
            case 403 -> "Not allowed";
            case 404 -> "Not found";
            case 503 -> "Service unavailable";
            default -> status >= 500 ? "Server error" : "Request rejected";
        };
    }

    private CliException unreachable(Throwable cause) {
        if (cause instanceof CliException cli) {
            return cli;
        }
        if (cause instanceof HttpTimeoutException) {
            return new CliException(ExitCodes.UNAVAILABLE, "the Petri API at " + baseUrl + " did not answer in time", cause);
        }
        if (cause instanceof ConnectException) {
            return new CliException(ExitCodes.UNAVAILABLE, "cannot reach the Petri API at " + baseUrl
                    + " (is it running? set PETRI_URL or run 'petri login --url URL')", cause);
        }
        if (cause instanceof IOException) {
            return new CliException(ExitCodes.UNAVAILABLE, "cannot talk to the Petri API at " + baseUrl + ": "
                    + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " " + cause.getMessage()), cause);
        }
        return new CliException(ExitCodes.SERVER_ERROR, "request to " + baseUrl + " failed: " + cause, cause);
    }

    private URI uri(String path) {
        try {
            return URI.create(baseUrl + path);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "not a valid API URL: " + baseUrl, e);
        }
    }

    private static Optional<Duration> seconds(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String stripTrailingSlash(String url) {
        String result = url.trim();
        while (result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }
}
