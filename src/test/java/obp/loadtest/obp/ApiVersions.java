package obp.loadtest.obp;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** OBP's API versions ("v5.1.0"), ordered by their numbers (docs/obp-api.md §1). */
public final class ApiVersions {

    private ApiVersions() {}

    private static final Pattern NUMBERED = Pattern.compile("v\\d+\\.\\d+\\.\\d+");

    /** The versions this tool knows by name, oldest first: what it asks for when a server does not list its own. */
    public static final List<String> KNOWN = List.of(
            "v1.2.1", "v1.3.0", "v1.4.0", "v2.0.0", "v2.1.0", "v2.2.0", "v3.0.0", "v3.1.0", "v4.0.0", "v5.0.0",
            "v5.1.0", "v6.0.0", "v7.0.0");

    public static final String V7 = "v7.0.0";

    /** Oldest first, by number (v10 after v9). */
    public static final Comparator<String> ORDER = Comparator.comparing(ApiVersions::numbers, ApiVersions::compare);

    /** Whether {@code text} is an OBP version number like v5.1.0 (OBP also lists "dynamic-entity" and others). */
    public static boolean isNumbered(String text) {
        return text != null && NUMBERED.matcher(text).matches();
    }

    /** The newest of {@code served} at or below {@code wanted}, if any. */
    public static Optional<String> newestUpTo(List<String> served, String wanted) {
        return served.stream().filter(v -> ORDER.compare(v, wanted) <= 0).max(ORDER);
    }

    private static int[] numbers(String version) {
        String[] parts = version.substring(1).split("\\.");
        int[] n = new int[parts.length];
        for (int i = 0; i < parts.length; i++) n[i] = Integer.parseInt(parts[i]);
        return n;
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) if (a[i] != b[i]) return Integer.compare(a[i], b[i]);
        return Integer.compare(a.length, b.length);
    }
}
