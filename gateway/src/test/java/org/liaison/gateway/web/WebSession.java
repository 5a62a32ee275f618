package org.liaison.gateway.web;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A signed-in session of the web pages without a browser, for what a browser does not show: the
 * HTTP status of a page, the time to render one. It keeps its cookies itself: the JDK's cookie
 * manager sends a {@code Secure} cookie only over HTTPS, where browsers also trust localhost.
 */
final class WebSession {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private final String base;
  private final HttpClient http;
  private final Map<String, String> cookies = new LinkedHashMap<>();

  WebSession(String base) {
    this.base = base;
    this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  }

  void signIn(String account, String password) throws IOException, InterruptedException {
    Matcher m = CSRF.matcher(get("/web/login").body());
    if (!m.find()) {
      throw new IllegalStateException("the sign-in page has no CSRF token");
    }
    String form =
        "username="
            + URLEncoder.encode(account, StandardCharsets.UTF_8)
            + "&password="
            + URLEncoder.encode(password, StandardCharsets.UTF_8)
            + "&_csrf="
            + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
    var answer =
        send(
            HttpRequest.newBuilder(URI.create(base + "/web/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    String location = answer.headers().firstValue("Location").orElse("");
    if (answer.statusCode() != 302 || location.contains("error")) {
      throw new IllegalStateException("sign-in refused: " + answer.statusCode() + " " + location);
    }
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  HttpResponse<byte[]> getBytes(String path) throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(URI.create(base + path)).GET(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return send(request, HttpResponse.BodyHandlers.ofString());
  }

  private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body)
      throws IOException, InterruptedException {
    if (!cookies.isEmpty()) {
      List<String> pairs = new ArrayList<>();
      cookies.forEach((name, value) -> pairs.add(name + "=" + value));
      request.header("Cookie", String.join("; ", pairs));
    }
    HttpResponse<T> answer = http.send(request.build(), body);
    for (String set : answer.headers().allValues("Set-Cookie")) {
      String pair = set.split(";", 2)[0];
      int eq = pair.indexOf('=');
      cookies.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
    }
    return answer;
  }
}
