package org.liaison.gateway.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.liaison.gateway.api.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over the limit with 413 REQUEST_TOO_LARGE: at once when Content-Length
 * says so, and otherwise (chunked bodies, or a Content-Length that lies low) as soon as more bytes
 * than the limit have been read, whoever reads them.
 */
final class BodyLimitFilter extends OncePerRequestFilter {

  private final long limit;

  BodyLimitFilter(long limit) {
    this.limit = limit;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > limit) {
      // The body is not read: tell the client the connection will not carry it.
      response.setHeader("Connection", "close");
      ProblemResponses.write(
          request, response, HttpStatus.CONTENT_TOO_LARGE, "REQUEST_TOO_LARGE", detail());
      return;
    }
    chain.doFilter(new Limited(request), response);
  }

  private String detail() {
    return "The request body is larger than the " + limit + " bytes accepted";
  }

  private ApiProblem tooLarge() {
    return new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "REQUEST_TOO_LARGE", detail());
  }

  private final class Limited extends HttpServletRequestWrapper {
    private ServletInputStream counted;

    Limited(HttpServletRequest request) {
      super(request);
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (counted == null) {
        counted = new Counting(super.getInputStream());
      }
      return counted;
    }

    @Override
    public BufferedReader getReader() throws IOException {
      String charset = getCharacterEncoding();
      return new BufferedReader(
          new InputStreamReader(
              getInputStream(),
              charset == null ? StandardCharsets.UTF_8 : Charset.forName(charset)));
    }
  }

  private final class Counting extends ServletInputStream {
    private final ServletInputStream in;
    private long count;

    Counting(ServletInputStream in) {
      this.in = in;
    }

    private int counted(int n) {
      if (n > 0) {
        count += n;
        if (count > limit) {
          throw tooLarge();
        }
      }
      return n;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        counted(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      return counted(in.read(buffer, offset, length));
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
