package io.gexflow.report;

/** The figure numbers of one report, in the order the page shows them (figure.jte takes the next). */
final class Figures {
    private int last = 0;

    int next() {
        return ++last;
    }
}
