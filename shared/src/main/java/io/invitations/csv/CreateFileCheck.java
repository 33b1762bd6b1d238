package io.invitations.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
        long rows = 0;
        List<String> problems = new ArrayList<>();
        try (InvitationCsvReader reader = new InvitationCsvReader(in)) {
            Optional<CsvRecord> first = reader.next();
            if (first.isEmpty()) {
                return new Report(0, problems, "the file is empty");
            }
            ColumnLayout layout = hasHeader ? ColumnLayout.fromHeader(ColumnSet.CREATE, first.get().fields())
                    : ColumnLayout.positional(ColumnSet.CREATE);
            InvitationRowParser parser = new InvitationRowParser(layout);
            Optional<CsvRecord> next = hasHeader ? reader.next() : first;
            for (; next.isPresent(); next = reader.next()) {
                rows++;
                if (parser.parse(next.get()) instanceof ParsedRow.Invalid invalid) {
                    problems.add(invalid.error());
                }
            }
            return new Report(rows, problems, null);
        } catch (CsvFileException e) {
            return new Report(rows, problems, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
