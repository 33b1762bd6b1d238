package io.invitations.csv;

/**
 * Neutralises CSV (formula) injection as OWASP recommends: a cell that a spreadsheet would run as a
 * formula is prefixed with a single quote, so it is shown as text. A value that starts with a quote already
 * gets a second one (a spreadsheet takes the first as its text marker), so that {@link #text} undoes exactly
 * what {@link #cell} did, for the files the product reads back (a results or export file given to accept).
 */
public final class SpreadsheetSafe {
    private SpreadsheetSafe() {
    }

    public static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String trimmed = value.stripLeading();
        char first = value.charAt(0);
        boolean formula = first == '\t' || first == '\r' || first == '\n' || first == '\''
                || (!trimmed.isEmpty() && "=+-@\uFF1D\uFF0B\uFF0D\uFF20".indexOf(trimmed.charAt(0)) >= 0);
        return formula ? "'" + value : value;
    }

    /** The value a cell written by {@link #cell} stands for: {@code text(cell(v)).equals(v)} for every v. */
    public static String text(String cell) {
        return cell != null && cell.startsWith("'") ? cell.substring(1) : cell;
    }
}
