package io.gexflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An option error is one plain line naming the verb and the problem, with a pointer to --help. */
class OptionErrorTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "convert --bogus 1 --input a.gct --out b.arrow|convert|Unknown options: '--bogus', '1'",
        "convert --input a.gct|convert|Missing required option: '--out=<out>'",
        "train-svqvae --train t.arrow --model svqvae --epochs x --out-dir d|train-svqvae|Invalid value for option '--epochs'",
        "no-such-verb|gexflow|Unmatched argument at index 0: 'no-such-verb'"})
    void oneLineWithAHint(String line, String verb, String problem) {
        CliRunner.Result r = CliRunner.run(line.split(" "));
        assertEquals(2, r.exit());
        String err = r.err().strip();
        assertFalse(err.contains("\n"), "one line: " + err);
        assertFalse(err.contains("\u001b"), "no ANSI escape: " + err);
        assertFalse(err.contains("Usage:"), err);
        String name = verb.equals("gexflow") ? "gexflow" : "gexflow " + verb;
        assertTrue(err.startsWith(name + ": usage error: "), err);
        assertTrue(err.contains(problem), err);
        assertTrue(err.endsWith("(see '" + name + " --help')"), err);
    }
}
