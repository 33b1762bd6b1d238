package io.invitations.csv;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Every file and row rule of a create batch, applied to a file without creating anything: what an admin runs
 * before dropping the file. (Parent-token limits need the store, and are checked by the batch itself.)
 */
public final class CreateFileCheck {
    private CreateFileCheck() {
    }

    /** The outcome: the rows read, the problems of rows, or the problem of the file as a whole. */
    public record Report(long rows, List<String> rowProblems, String fileProblem) {
        public boolean acceptedWhole() {
            return fileProblem == null && rowProblems.isEmpty();
        }
    }

    public static Report check(InputStream in, boolean hasHeader) {
        List<String> problems = new ArrayList<>();
        try {
            long rows = CsvFileScan.scan(in, ColumnSet.CREATE, hasHeader, layout -> {
                InvitationRowParser parser = new InvitationRowParser(layout);
                return row -> {
                    if (parser.parse(row) instanceof ParsedRow.Invalid invalid) {
                        problems.add(invalid.error());
                    }
                };
            }).rows();
            return new Report(rows, problems, null);
        } catch (CsvFileException e) {
            return new Report(0, problems, e.getMessage());
        }
    }
}
