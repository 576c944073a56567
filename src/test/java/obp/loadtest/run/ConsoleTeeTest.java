package obp.loadtest.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import obp.loadtest.outcome.ExitCode;
import org.junit.jupiter.api.Test;

class ConsoleTeeTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theConsoleGetsEveryByteAndTheLogWholeLinesWithoutColours() {
        ByteArrayOutputStream consoleOut = new ByteArrayOutputStream();
        ByteArrayOutputStream consoleErr = new ByteArrayOutputStream();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        ConsoleTee.Log log = new ConsoleTee.Log(file);
        PrintStream out = new PrintStream(
                new ConsoleTee.Tee(new PrintStream(consoleOut, true, StandardCharsets.UTF_8), log),
                true,
                StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(
                new ConsoleTee.Tee(new PrintStream(consoleErr, true, StandardCharsets.UTF_8), log),
                true,
                StandardCharsets.UTF_8);

        out.print("VERDICT: \u001b[1;31mPOOL");
        err.println("obp-loadtest: a warning");
        out.println(" STARVATION\u001b[0m — raise the pool");
        out.print("no newline yet");

        assertEquals(
                "VERDICT: \u001b[1;31mPOOL STARVATION\u001b[0m — raise the pool\nno newline yet",
                consoleOut.toString(StandardCharsets.UTF_8));
        assertEquals("obp-loadtest: a warning\n", consoleErr.toString(StandardCharsets.UTF_8));
        // out's line is whole in the log, after err's, which ended first; the unfinished line waits for its end.
        assertEquals(
                "obp-loadtest: a warning\nVERDICT: POOL STARVATION — raise the pool\n",
                file.toString(StandardCharsets.UTF_8));
    }

    @Test
    void onlyColourSequencesAreRemoved() {
        assertArrayEquals(utf8("plain"), ConsoleTee.withoutColours(utf8("plain")));
        assertArrayEquals(
                utf8("a b c\n"), ConsoleTee.withoutColours(utf8("\u001b[32ma\u001b[m b \u001b[0;1;4mc\u001b[0m\n")));
        // Not colours: a cursor move, a lone ESC, an unfinished sequence.
        assertArrayEquals(utf8("\u001b[2Kx"), ConsoleTee.withoutColours(utf8("\u001b[2Kx")));
        assertArrayEquals(utf8("x\u001b"), ConsoleTee.withoutColours(utf8("x\u001b")));
        assertArrayEquals(utf8("x\u001b[12"), ConsoleTee.withoutColours(utf8("x\u001b[12")));
    }

    @Test
    void gatlingsOwnStatusBecomesOurs() {
        assertEquals(ExitCode.PASS, Main.fromGatling(0));
        assertEquals(ExitCode.USAGE_ERROR, Main.fromGatling(1));
        assertEquals(ExitCode.VERDICT_FAILURE, Main.fromGatling(2));
        assertEquals(ExitCode.VERDICT_FAILURE, Main.fromGatling(-1));
    }
}
