package io.invitations.csv;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.RFC4180ParserBuilder;
import com.opencsv.exceptions.CsvValidationException;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Streams the records of a CSV file: strict UTF-8 (with or without BOM, checked byte by byte), RFC 4180 quoting, CRLF or LF,
 * blank lines skipped. Problems with the file as a whole surface as {@link CsvFileException}.
 */
public final class InvitationCsvReader implements Closeable {
    private static final char BOM = '\uFEFF';
    /** An unclosed quote must not swallow the rest of a large file before it is reported. */
    private static final int MAX_LINES_PER_RECORD = 100;
    /** The largest row accepted, in characters: a real invitation row is a few hundred. */
    public static final int MAX_RECORD_CHARS = 16 * 1024;

    private final CSVReader csv;
    private long linesRead;

    public InvitationCsvReader(InputStream in) {
        // The default buffer: a chunk's reader opens at its byte range, and the decoder reads 8 KB at a time anyway.
        Reader text = new BufferedReader(new InputStreamReader(new Utf8CheckingInputStream(in),
                StandardCharsets.UTF_8));
        this.csv = new CSVReaderBuilder(skipBom(text))
                .withCSVParser(new RFC4180ParserBuilder().build())
                .withMultilineLimit(MAX_LINES_PER_RECORD)
                .build();
    }

    /** The next non-blank record, or empty at the end of the file. */
    public Optional<CsvRecord> next() {
        while (true) {
            long startLine = linesRead + 1;
            String[] fields;
            try {
                fields = csv.readNext();
            } catch (IOException | CsvValidationException e) {
                throw new CsvFileException("the CSV cannot be read from line " + startLine + ": "
                        + describe(e) + "; check for an unclosed quote");
            }
            linesRead = csv.getLinesRead();
            if (fields == null) {
                return Optional.empty();
            }
            if (isBlank(fields)) {
                continue;
            }
            long size = 0;
            for (String field : fields) {
                size += field.length() + 1;
            }
            if (size > MAX_RECORD_CHARS) {
                throw new CsvFileException("line " + startLine + " is " + size / 1024 + " KB long, more than the "
                        + MAX_RECORD_CHARS / 1024 + " KB a row may have (an unclosed quote?)");
            }
            return Optional.of(new CsvRecord(startLine, Arrays.asList(fields)));
        }
    }

    private static boolean isBlank(String[] fields) {
        return fields.length == 1 && fields[0].isBlank();
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    private static Reader skipBom(Reader reader) {
        try {
            reader.mark(1);
            if (reader.read() != BOM) {
                reader.reset();
            }
            return reader;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
