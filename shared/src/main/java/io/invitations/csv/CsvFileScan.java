package io.invitations.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads a whole input file once, applying the file-level rules (encoding, quoting, row size, a header with the
 * required columns): the splitter's first pass and {@code validate} both use it. Problems of the file as a
 * whole surface as {@link CsvFileException}; each data row goes to the handler made for the file's layout.
 */
public final class CsvFileScan {
    private CsvFileScan() {
    }

    /** The layout the file's rows are read with, and how many data rows it has. */
    public record Scan(ColumnLayout layout, long rows) {
    }

    public static Scan scan(InputStream in, ColumnSet columns, boolean hasHeader,
                            Function<ColumnLayout, Consumer<CsvRecord>> rowHandler) {
        try (InvitationCsvReader reader = new InvitationCsvReader(in)) {
            Optional<CsvRecord> first = reader.next();
            if (first.isEmpty()) {
                throw new CsvFileException("the file is empty: expected a header line ("
                        + String.join(",", columns.columns().stream().map(Column::headerName).toList())
                        + ") and rows");
            }
            ColumnLayout layout = hasHeader ? ColumnLayout.fromHeader(columns, first.get().fields())
                    : ColumnLayout.positional(columns);
            Consumer<CsvRecord> rows = rowHandler.apply(layout);
            long count = 0;
            for (Optional<CsvRecord> row = hasHeader ? reader.next() : first; row.isPresent(); row = reader.next()) {
                rows.accept(row.get());
                count++;
            }
            return new Scan(layout, count);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
