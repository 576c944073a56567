package obp.loadtest.emulator;

import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * OBP's API metrics (write_metrics=true): every call a row with the server's own duration, read back by
 * {@code GET /management/metrics} (role CanReadMetrics) in OBP's shape, {@code MetricsJsonV510} of
 * obp-api/src/main/scala/code/api/v5_1_0/JSONFactory5.1.0.scala, filtered as
 * obp-api/src/main/scala/code/metrics/MappedMetrics.scala does: from_date, to_date, verb, url, user_id, consumer_id,
 * limit (default 50), offset.
 */
final class ApiMetrics {

    /** OBP's DateWithMs (APIUtil.scala): how the filters' dates are written. */
    static final String DATE_WITH_MS = "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'";
    /** How OBP's JSON writes a row's date (Lift's default date format: seconds, UTC). */
    static final String JSON_DATE = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    record Row(
            String userId,
            String url,
            long dateMs,
            String userName,
            String consumerId,
            String verb,
            String implementedInVersion,
            String partialFunction,
            long durationMs) {}

    /** Far more than a test run makes; the oldest go first. */
    static final int MAX_ROWS = 200_000;

    private final ConcurrentLinkedQueue<Row> rows = new ConcurrentLinkedQueue<>();
    /** The queue's size: its own size() walks every row, which made each answered call cost O(rows). */
    private final java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();

    void record(Row row) {
        rows.add(row);
        if (count.incrementAndGet() > MAX_ROWS && rows.poll() != null) count.decrementAndGet();
    }

    /** GET /obp/v5.1.0/management/metrics with OBP's query parameters. */
    Map<String, Object> query(Map<String, String> q) {
        long from = q.containsKey("from_date") ? parse(q.get("from_date")) : 0;
        long to = q.containsKey("to_date") ? parse(q.get("to_date")) : Long.MAX_VALUE;
        int limit = q.containsKey("limit") ? Integer.parseInt(q.get("limit")) : 50;
        int offset = q.containsKey("offset") ? Integer.parseInt(q.get("offset")) : 0;
        List<Row> matching = new ArrayList<>();
        for (Row r : rows) {
            if (r.dateMs() < from || r.dateMs() > to) continue;
            if (q.containsKey("verb") && !q.get("verb").equals(r.verb())) continue;
            if (q.containsKey("url") && !q.get("url").equals(r.url())) continue;
            if (q.containsKey("user_id") && !q.get("user_id").equals(r.userId())) continue;
            if (q.containsKey("consumer_id") && !q.get("consumer_id").equals(r.consumerId())) continue;
            matching.add(r);
        }
        // OBP's default order: date, descending.
        matching.sort((a, b) -> Long.compare(b.dateMs(), a.dateMs()));
        SimpleDateFormat json = format(JSON_DATE);
        List<Object> out = new ArrayList<>();
        for (Row r : matching.subList(Math.min(offset, matching.size()), Math.min(offset + limit, matching.size())))
            out.add(Json.obj(
                    "user_id", r.userId(),
                    "url", r.url(),
                    "date", json.format(new Date(r.dateMs())),
                    "user_name", r.userName(),
                    "app_name", "obp-loadtest",
                    "developer_email", "",
                    "implemented_by_partial_function", r.partialFunction(),
                    "implemented_in_version", r.implementedInVersion(),
                    "consumer_id", r.consumerId(),
                    "verb", r.verb(),
                    "correlation_id", "",
                    "duration", r.durationMs(),
                    "source_ip", "",
                    "target_ip", "",
                    "response_body", "Not enabled"));
        return Json.obj("metrics", out);
    }

    private static long parse(String date) {
        try {
            return format(DATE_WITH_MS).parse(date).getTime();
        } catch (java.text.ParseException e) {
            throw ObpError.badRequest("OBP-10001: Incorrect json format. Please use the format " + DATE_WITH_MS
                    + " for from_date and to_date");
        }
    }

    private static SimpleDateFormat format(String pattern) {
        SimpleDateFormat f = new SimpleDateFormat(pattern);
        f.setTimeZone(TimeZone.getTimeZone("UTC"));
        return f;
    }
}
