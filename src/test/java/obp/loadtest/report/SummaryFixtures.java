package obp.loadtest.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Hand-written summaries (schema 2) for the report tests: a pool-starvation run and clean runs of one shape. */
final class SummaryFixtures {

    static final ObjectMapper JSON = new ObjectMapper();

    /** name, group, p95 ms */
    static final List<String[]> ENDPOINTS = List.of(
            new String[] {"GET /root", "v7 no-auth", "12"},
            new String[] {"GET /banks", "v7 no-auth", "15"},
            new String[] {"GET /users/current", "v7 user", "22"},
            new String[] {"GET /banks/BANK_ID/accounts", "v7 user", "30"},
            new String[] {"GET /system/cache/info", "v7 role-gated", "18"},
            new String[] {"GET /system/database/pool", "v7 role-gated", "9"},
            new String[] {"POST /banks/BANK_ID/accounts", "accounts", "45"},
            new String[] {"POST /consumer/consents", "consents", "60"});

    private SummaryFixtures() {}

    /** A run shaped by these settings: 4 workers × 5 loops on the embedded emulator. */
    static ObjectNode settings() {
        ObjectNode s = JSON.createObjectNode();
        s.put("host", "http://127.0.0.1:8080");
        s.put("target", "emulator");
        s.put("password", "****");
        s.put("loop-accounts", 1);
        s.put("loop-consents", 1);
        s.put("loop-v7", 5);
        s.put("workers-v7", 4);
        s.put("users-v7", 1);
        s.put("duration-v7", "0s");
        s.put("ramp-v7", "0s");
        s.put("preset", "none");
        s.put("stall-probe", false);
        s.put("request-timeout", "1s");
        return s;
    }

    /** A clean run; {@code slowed} (may be null) has its p95 set to {@code slowedP95}. */
    static ObjectNode clean(String started, String slowed, long slowedP95, double jitter) {
        ObjectNode s = base(started, "CLEAN", false, 0);
        ArrayNode eps = s.putArray("endpoints");
        for (String[] e : ENDPOINTS) {
            long p95 = e[0].equals(slowed) ? slowedP95 : Math.round(Long.parseLong(e[2]) * jitter);
            endpoint(eps, e[0], e[1], 20, p95, 0, 0, false);
        }
        return s;
    }

    /** A POOL STARVATION run with every section schema 2 defines: series, timeline, marks, generator. */
    static ObjectNode starvation() {
        ObjectNode s = base("2026-11-24T00:30:00Z", "POOL_STARVATION", true, 1);
        ObjectNode v = (ObjectNode) s.get("verdict");
        v.put("headline", "the connection pool is exhausted: requests wait for a connection until they time out");
        v.put("bottleneck", "pool");
        v.put("confidence", "high");
        v.putArray("evidence")
                .add("pool: all 2 of 2 connections busy for 14 s, up to 4 threads waiting")
                .add("GET /users/current: 6 of 20 requests timed out at ~1 s (the request timeout)")
                .add("timeouts on 3 endpoints, all at the cap: waits for a connection, not slow handlers");
        v.putArray("caveats").add("the pool endpoint itself failed 2 samples while the pool was exhausted");
        ArrayNode eps = s.putArray("endpoints");
        int i = 0;
        for (String[] e : ENDPOINTS) {
            boolean starved = i >= 2 && i <= 4;
            endpoint(
                    eps,
                    e[0],
                    e[1],
                    20,
                    starved ? 1000 : Long.parseLong(e[2]) * 4,
                    starved ? 6 : 0,
                    i == 5 ? 1 : 0,
                    starved);
            i++;
        }
        ObjectNode pool = s.putObject("pool");
        pool.put("available", true)
                .put("sample_interval_ms", 500)
                .put("samples", 30)
                .put("failed_samples", 2)
                .put("max_active", 2)
                .put("max_waiting", 4)
                .put("maximum_pool_size", 2)
                .put("seconds_saturated", 14.0)
                .put("slowest_sample_ms", 980)
                .put("connection_timeout_ms", 30000);
        pool.putObject("failure_reasons").put("timeout", 2);
        ArrayNode series = pool.putArray("series");
        for (int t = 0; t < 30; t++) {
            ObjectNode p = series.addObject().put("t_ms", t * 500L).put("sample_ms", 20);
            if (t == 17 || t == 22) {
                p.put("ok", false).put("reason", "timeout");
                continue;
            }
            int active = t < 3 ? t : 2;
            int waiting = t < 4 ? 0 : Math.min(4, (t - 3) / 2);
            p.put("ok", true)
                    .put("active", active)
                    .put("idle", 2 - active)
                    .put("total", 2)
                    .put("waiting", waiting)
                    .put("max", 2);
        }
        ObjectNode timeline = s.putObject("timeline");
        timeline.put("bucket_ms", 1000);
        ArrayNode groups = timeline.putArray("groups");
        for (String g : List.of("v7 no-auth", "v7 user", "v7 role-gated")) {
            ObjectNode group = groups.addObject().put("group", g);
            ArrayNode pts = group.putArray("points");
            for (int t = 0; t < 15; t++) {
                long p95 = g.equals("v7 no-auth") ? 40 + t * 3 : Math.min(1000, 50 + t * 90L);
                pts.addObject()
                        .put("t_s", t)
                        .put("count", 8)
                        .put("p50_ms", p95 / 2)
                        .put("p95_ms", p95)
                        .put("failures", p95 >= 1000 ? 2 : 0);
            }
        }
        timeline.putObject("marks")
                .put("first_slow_ms", 5200)
                .put("first_timeout_ms", 9100)
                .put("stopped_early_ms", 14000);
        s.putObject("generator")
                .put("cpu_share_max", 0.31)
                .put("cpu_share_mean", 0.12)
                .put("lag_max_ms", 14)
                .put("lag_p99_ms", 6)
                .put("limited", false);
        return s;
    }

    private static ObjectNode base(String started, String verdict, boolean failure, int exit) {
        ObjectNode s = JSON.createObjectNode();
        s.put("schema", "obp-loadtest/summary")
                .put("schema_version", 2)
                .put("started", started)
                .put("finished", started.replace("Z", ".9Z"));
        s.set("settings", settings());
        ObjectNode v = s.putObject("verdict");
        v.put("name", verdict)
                .put("headline", verdict.equals("CLEAN") ? "no timeouts, no unexpected statuses" : "")
                .put("failure", failure)
                .put("exit_code", exit)
                .put("bottleneck", verdict.equals("CLEAN") ? "none" : "pool")
                .put("confidence", "high");
        v.putArray("evidence").add("every endpoint answered");
        v.putArray("caveats");
        return s;
    }

    private static void endpoint(
            ArrayNode eps,
            String name,
            String group,
            long count,
            long p95,
            long timeouts,
            long unexpected,
            boolean problem) {
        ObjectNode e = eps.addObject();
        e.put("name", name)
                .put("group", group)
                .put("stall_probe", false)
                .put("count", count)
                .put("p50_ms", Math.max(1, p95 / 2))
                .put("p95_ms", p95)
                .put("p99_ms", p95 + 3)
                .put("max_ms", p95 + 5)
                .put("mean_ms", p95 / 2.0);
        e.putObject("statuses").put("200", count - timeouts - unexpected);
        if (unexpected > 0) ((ObjectNode) e.get("statuses")).put("500", unexpected);
        e.put("slow", 0).put("timeouts", timeouts).put("connection_errors", 0).put("unexpected_statuses", unexpected);
        e.putArray("versions_served").add("v6.0.0");
        e.put("baseline_ms", Math.max(1, p95 / 4))
                .put("inflation", Math.round(p95 / (double) Math.max(1, p95 / 4) * 10) / 10.0);
        e.put("problem", problem);
        if (timeouts > 0) e.putObject("timeout_causes").put("POOL_ACQUIRE", timeouts);
    }
}
