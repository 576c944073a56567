package obp.loadtest.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void saysNothingWhenCtrlCAndSigtermWork() {
        assertNull(Main.ignoredSignals(List.of(), 42));
    }

    @Test
    void ctrlCIgnoredNamesSigtermInstead() {
        assertEquals(
                "obp-loadtest: warning: Ctrl-C (SIGINT) will not stop this run: it was started with it ignored (nohup,"
                        + " or & from a script); stop it with kill 42 (SIGTERM stops it as Ctrl-C does)",
                Main.ignoredSignals(List.of("INT"), 42));
    }

    @Test
    void sigtermIgnoredLeavesCtrlCAndSaysSo() {
        assertEquals(
                "obp-loadtest: warning: SIGTERM will not stop this run: it was started with it ignored (nohup, or &"
                        + " from a script); stop it with Ctrl-C",
                Main.ignoredSignals(List.of("TERM"), 42));
    }

    @Test
    void bothIgnoredLeavesThePageAndKill() {
        assertEquals(
                "obp-loadtest: warning: Ctrl-C and SIGTERM will not stop this run: it was started with them ignored"
                        + " (nohup, or & from a script); stop it with the live page's Stop button (--dashboard), or"
                        + " kill -KILL 42 (no outputs, no cleanup)",
                Main.ignoredSignals(List.of("INT", "TERM"), 42));
    }
}
