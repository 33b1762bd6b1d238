package io.invitations.csv;

/**
 * Neutralises CSV (formula) injection as OWASP recommends: a cell that a spreadsheet would run as a
 * formula is prefixed with a single quote, so it is shown as text.
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
        boolean formula = first == '\t' || first == '\r' || first == '\n'
                || (!trimmed.isEmpty() && "=+-@\uFF1D\uFF0B\uFF0D\uFF20".indexOf(trimmed.charAt(0)) >= 0);
        return formula ? "'" + value : value;
    }
}
