package obp.loadtest.scenarios;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import obp.loadtest.live.RunRecorder;
import obp.loadtest.obp.ObpApi;

/**
 * Wraps a request so it lands in our per-endpoint statistics as well as Gatling's: Gatling has
 * no public hook into its stats, so we time the request ourselves around it. The status check is
 * always explicit ({@code saveAs} alone would drop Gatling's default 2xx check).
 */
public final class Timed {

  private static final String MESSAGE_PATTERN = "\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"";

  private final RunRecorder recorder;
  private final Duration timeout;
  private final Set<Step> steps = new LinkedHashSet<>();

  public Timed(RunRecorder recorder, Duration timeout) {
    this.recorder = recorder;
    this.timeout = timeout;
  }

  /** What a request is, for our stats: its report name, group, and which statuses are fine. */
  public record Step(String name, String group, boolean stallProbe, List<Integer> expected, boolean live) {
    public static Step of(String name, String group, Integer... expected) {
      return new Step(name, group, false, List.of(expected), false);
    }
  }

  /** Every step wrapped so far: the simulation asserts on each one's Gatling path. */
  public Set<Step> steps() {
    return steps;
  }

  public ChainBuilder request(Step step, HttpRequestActionBuilder request) {
    steps.add(step);
    HttpRequestActionBuilder checked = request.requestTimeout(timeout).check(
        status().saveAs(Keys.STATUS),
        status().in(step.expected()),
        header(ObpApi.VERSION_SERVED_HEADER).optional().saveAs(Keys.VERSION),
        regex(MESSAGE_PATTERN).optional().saveAs(Keys.MESSAGE));
    return exec(session -> {
          long now = System.nanoTime();
          recorder.started(session.userId(), worker(session), step.name(), now, step.live());
          return session.removeAll(Keys.STATUS, Keys.VERSION, Keys.MESSAGE).set(Keys.START, now);
        })
        .exec(checked)
        .exec(session -> {
          long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - session.getLong(Keys.START));
          int status = session.contains(Keys.STATUS) ? session.getInt(Keys.STATUS) : 0;
          recorder.completed(session.userId(), worker(session), step.name(), step.group(), step.stallProbe(), status,
              !session.isFailed(), session.getString(Keys.VERSION), session.getString(Keys.MESSAGE), ms, step.live());
          // Recorded: the failure must not leak into the next request's verdict.
          return session.markAsSucceeded();
        });
  }

  static String worker(Session session) {
    return session.contains(Keys.WORKER) ? "[w" + session.getInt(Keys.WORKER) + "]" : "[setup]";
  }
}
