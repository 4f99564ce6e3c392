package org.wsusremediator.inventory;

import org.wsusremediator.input.InputFileException;
import org.wsusremediator.input.InputFiles;
import org.wsusremediator.input.InputLimits;
import org.wsusremediator.input.ParserLimits;
import org.wsusremediator.input.ProblemList;
import org.wsusremediator.yaml.YamlNode;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a CSV host list into one {@link YamlNode.Mapping} per row (column name to cell, line = the row's line),
 * so that rows are validated by exactly the same code as YAML host entries. Empty cells are left out: the
 * host then inherits the setting like a YAML host that does not mention it.
 *
 * <p>The file may be anything an admin pointed {@code hostsCsv} at, a password file included, so no message
 * quotes its header, and cells longer than {@link InputLimits#VALUE_CHARS} stop the read (Jackson's own
 * string length limit, checked while the cell is read).
 */
final class CsvHosts {

    static final String GROUP_COLUMN = "group";
    /**
     * Rows and cells kept per file: within the size limit, millions of tiny rows or cells would still fill the
     * heap (a row object costs far more than its bytes). No header has more columns than the known ones.
     */
    static final int MAX_ROWS = 100_000;
    static final int MAX_CELLS = 64;

    private static final CsvMapper MAPPER = CsvMapper.builder(CsvFactory.builder()
                    .streamReadConstraints(ParserLimits.constraints(InputLimits.CSV_FILE_BYTES))
                    .errorReportConfiguration(ParserLimits.errorReports())
                    .build())
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .enable(CsvParser.Feature.ALLOW_COMMENTS)
            .build();

    private final Path file;
    private final List<String> knownColumns;
    private final ProblemList problems;
    /** The line of the last cell read: where a cell that broke a limit is reported (Jackson gives no line then). */
    private int lastLine;

    private CsvHosts(Path file, List<String> knownColumns, ProblemList problems) {
        this.file = file;
        this.knownColumns = knownColumns;
        this.problems = problems;
    }

    /** The rows, or an empty list when the header is unusable (the reasons are in {@code problems}). */
    static List<YamlNode.Mapping> read(Path file, List<String> knownColumns, ProblemList problems) {
        return new CsvHosts(file, knownColumns, problems).read();
    }

    private List<YamlNode.Mapping> read() {
        List<YamlNode.Mapping> rows = new ArrayList<>();
        try (InputStream in = InputFiles.open(file, InputLimits.CSV_FILE_BYTES); JsonParser p = MAPPER.createParser(in)) {
            List<Cell> header = nextRow(p);
            if (header == null) {
                problems.add(file, 0, "", "the CSV file is empty; expected a header row: name,address,...");
                return rows;
            }
            List<String> columns = header(header);
            if (columns == null) {
                return rows;
            }
            List<Cell> cells;
            int count = 0;
            while ((cells = nextRow(p)) != null) {
                int line = cells.get(0).line();
                if (++count > MAX_ROWS) {
                    problems.add(file, line, "", "has more than " + MAX_ROWS + " rows; at most " + MAX_ROWS
                            + " hosts are read from one CSV file (split it, and list each in hostsCsv of a group)");
                    break;
                }
                if (cells.stream().allMatch(c -> c.text().isEmpty())) {
                    continue; // a row of bare commas, as spreadsheets export
                }
                if (cells.size() > MAX_CELLS) {
                    problems.add(file, line, "", "has more than " + MAX_CELLS + " columns, the header has " + columns.size()
                            + " (" + String.join(",", columns) + ")");
                    continue;
                }
                if (cells.size() != columns.size()) {
                    problems.add(file, line, "", "has " + cells.size() + " columns, the header has " + columns.size()
                            + " (" + String.join(",", columns) + ")");
                    continue;
                }
                Map<String, YamlNode> members = new LinkedHashMap<>();
                for (int i = 0; i < cells.size(); i++) {
                    if (!cells.get(i).text().isEmpty()) {
                        members.put(columns.get(i), new YamlNode.Scalar(file, line, columns.get(i), cells.get(i).text()));
                    }
                }
                rows.add(new YamlNode.Mapping(file, line, "", members));
            }
        } catch (InputFileException e) {
            problems.add(file, 0, "", "the CSV file " + e.reason());
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
            String limit = ParserLimits.limitHit(e);
            line = limit != null && line == 0 ? lastLine : line;
            problems.add(file, line, "", limit != null ? limit : "not valid CSV: " + e.getOriginalMessage());
        } catch (IOException e) {
            problems.add(file, 0, "", "cannot be read as CSV text: " + e.getMessage());
        }
        return rows;
    }

    /**
     * Column names in canonical spelling (matched ignoring case), or null when the header is unusable. A wrong
     * header is named by its position only: the "header" may be the first line of a secret file.
     */
    private List<String> header(List<Cell> header) {
        if (header.size() > MAX_CELLS) {
            problems.add(file, header.get(0).line(), "", "header: more than " + MAX_CELLS + " columns; allowed columns: "
                    + String.join(",", knownColumns));
            return null;
        }
        List<String> columns = new ArrayList<>();
        boolean usable = true;
        for (int i = 0; i < header.size(); i++) {
            String raw = header.get(i).text();
            if (i == 0 && raw.startsWith("\uFEFF")) {
                raw = raw.substring(1); // a byte order mark, as Excel writes
            }
            String name = raw;
            String canonical = knownColumns.stream().filter(k -> k.equalsIgnoreCase(name)).findFirst().orElse(null);
            int line = header.get(i).line();
            if (canonical == null) {
                problems.add(file, line, "", "header: column " + (i + 1) + " is not a known column (its text is not shown);"
                        + " allowed columns: " + String.join(",", knownColumns));
                usable = false;
            } else if (columns.contains(canonical)) {
                problems.add(file, line, "", "header: column '" + canonical + "' appears twice");
                usable = false;
            }
            columns.add(canonical);
        }
        for (String required : List.of("name", "address")) {
            if (!columns.contains(required)) {
                problems.add(file, header.get(0).line(), "", "header: the '" + required + "' column is required"
                        + " (the first row must be the header, e.g. name,address,port)");
                usable = false;
            }
        }
        return usable ? columns : null;
    }

    private record Cell(String text, int line) {
    }

    /** The next row's cells. Jackson wraps the whole file in one array and each row in another. */
    private List<Cell> nextRow(JsonParser p) throws IOException {
        List<Cell> cells = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != null) {
            if (t == JsonToken.START_ARRAY) {
                cells.clear();
            } else if (t == JsonToken.VALUE_STRING) {
                lastLine = Math.max(1, p.currentTokenLocation().getLineNr());
                // Past the limit the row is wrong anyway: one cell more marks it, the rest is not kept.
                if (cells.size() <= MAX_CELLS) {
                    cells.add(new Cell(p.getText(), lastLine));
                }
            } else if (t == JsonToken.END_ARRAY && !cells.isEmpty()) {
                return cells;
            }
        }
        return null;
    }
}
