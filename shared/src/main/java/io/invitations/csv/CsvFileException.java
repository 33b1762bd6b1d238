package io.invitations.csv;

/** The file as a whole cannot be processed; the message says what to fix. */
public class CsvFileException extends RuntimeException {
    public CsvFileException(String message) {
        super(message);
    }
}
