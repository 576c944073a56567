package obp.loadtest.config;

import java.util.List;

/** Bad input a user can fix: one line per problem, printed without a stack trace, exit 2. */
public final class SettingsException extends RuntimeException {

    private final List<String> problems;

    public SettingsException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
